package dev.observatory.core.job;

import dev.observatory.model.job.Job;
import dev.observatory.model.job.JobResources;
import java.time.Instant;

/**
 * What a job costs at the price table's rates: so far (its wall time), and projected to its target step from the step
 * rate seen so far.
 *
 * @param hourlyUsd
 *            GPUs x GPU price + cores x CPU price + GB x memory price, per hour
 * @param currentStep
 *            last step seen; null when none
 * @param stepsPerHour
 *            step rate so far; null without a step or elapsed time
 * @param projectedTotalUsd
 *            estimated cost of the whole job; null without a target step or a step rate
 * @param remainingUsd
 *            projected minus so far; null when not projected
 * @param priceAsOf
 *            date of the price table
 */
public record CostEstimate(String jobId, double hourlyUsd, double gpuHourlyUsd, double cpuHourlyUsd,
        double memoryHourlyUsd, double elapsedHours, double costSoFarUsd, Long currentStep, Long targetSteps,
        Double stepsPerHour, Double projectedTotalHours, Double projectedTotalUsd, Double remainingUsd,
        String priceAsOf) {

    /** The estimate of a job at {@code now}. */
    public static CostEstimate of(Job job, Long currentStep, Instant now, PriceTable prices) {
        JobResources r = job.spec().resources();
        double gpu = r.gpus() * prices.gpu(r.gpuType());
        double cpu = r.cpus() * prices.cpuCoreHour();
        double mem = r.memoryGb() * prices.memoryGbHour();
        double hourly = gpu + cpu + mem;
        double hours = job.elapsed(now).toMillis() / 3_600_000.0;
        Long target = job.spec().targetSteps();
        Double rate = currentStep != null && currentStep > 0 && hours > 0 ? currentStep / hours : null;
        Double totalHours = null;
        Double total = null;
        Double remaining = null;
        if (target != null && rate != null) {
            totalHours = job.status().terminal() ? hours : Math.max(hours, target / rate);
            total = totalHours * hourly;
            remaining = total - hours * hourly;
        }
        return new CostEstimate(job.id(), round(hourly), round(gpu), round(cpu), round(mem), hours,
                round(hours * hourly), currentStep, target, rate, totalHours, total == null ? null : round(total),
                remaining == null ? null : round(remaining), prices.asOf());
    }

    private static double round(double usd) {
        return Math.round(usd * 10_000) / 10_000.0;
    }
}
