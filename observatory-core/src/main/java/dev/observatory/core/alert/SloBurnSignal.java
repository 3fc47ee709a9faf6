package dev.observatory.core.alert;

import dev.observatory.core.slo.BurnAlert;
import dev.observatory.core.slo.SloStatus;
import dev.observatory.core.slo.Slos;
import java.util.List;
import java.util.Map;

/**
 * {@code slo_burn}: the error-budget burn of an SLO. The value is the highest long-window burn rate among the SRE
 * workbook conditions that hold at the requested level ({@code level}: page (default) or ticket, which includes page),
 * 0 when none holds; a rule "above 0" fires exactly when a condition holds.
 */
final class SloBurnSignal implements AlertSignal {

    @Override
    public String kind() {
        return "slo_burn";
    }

    @Override
    public String description() {
        return "multi-window burn-rate conditions of an SLO; params: slo (name), level (page or ticket)";
    }

    @Override
    public void validate(Map<String, String> params) {
        if (params.get("slo") == null || params.get("slo").isBlank()) {
            throw new IllegalArgumentException("slo_burn needs params.slo, the SLO's name (list_slos shows them)");
        }
        String level = params.getOrDefault("level", "page");
        if (!level.equals("page") && !level.equals("ticket")) {
            throw new IllegalArgumentException("slo_burn params.level is page or ticket, got '" + level + "'");
        }
    }

    @Override
    public List<Sample> sample(AlertRule rule, Round round) {
        String name = rule.params().get("slo");
        boolean ticket = rule.params().getOrDefault("level", "page").equals("ticket");
        SloStatus s = round.memo(List.of(kind(), name), () -> {
            Slos slos = new Slos(round.tracking());
            return slos.status(slos.get(name), round.now());
        });
        double burn = 0;
        for (BurnAlert a : s.alerts()) {
            if (a.firing() && (ticket || a.severity().equals("page"))) {
                burn = Math.max(burn, a.longBurn());
            }
        }
        return List.of(new Sample(Map.of("slo", name), burn,
                Map.of("burn_rates", s.burnRates(), "error_budget_remaining", s.budgetRemaining())));
    }
}
