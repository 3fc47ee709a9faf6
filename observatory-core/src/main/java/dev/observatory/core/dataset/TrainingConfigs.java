package dev.observatory.core.dataset;

import dev.observatory.core.Actor;
import dev.observatory.core.ReadOnlyException;
import dev.observatory.core.Tracking;
import dev.observatory.model.dataset.NewTrainingConfig;
import dev.observatory.model.dataset.TrainingConfig;
import dev.observatory.store.NotFoundException;
import dev.observatory.store.TrainingConfigStore;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Training configurations: templates with JSON Schemas, creation from a template with overrides, validation with
 * messages naming the JSON path, and versioned storage (every save adds a version; none is ever changed). A facade over
 * a {@link Tracking}; cheap to build per request.
 * <p>
 * Errors: IllegalArgumentException for bad input (unknown template, invalid config — the message lists the violations),
 * NotFoundException for an unknown config or version, ReadOnlyException for saves in read-only mode.
 */
public final class TrainingConfigs {
    /** Largest config text accepted, in characters. */
    public static final int MAX_CONTENT = 256 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Tracking tracking;
    private final TrainingConfigStore store;

    public TrainingConfigs(Tracking tracking) {
        this.tracking = tracking;
        this.store = tracking.store().trainingConfigs();
    }

    /** The shipped templates: lora-finetune, full-finetune, classifier. */
    public List<ConfigTemplate> templates() {
        return ConfigTemplates.all();
    }

    /** One template; IllegalArgumentException listing the valid names when unknown. */
    public ConfigTemplate template(String name) {
        return ConfigTemplates.get(name);
    }

    /**
     * Validates config text (YAML or JSON, detected) against the template's JSON Schema. Empty when valid; a text that
     * does not parse gives one violation at {@code $} with keyword {@code parse}. IllegalArgumentException for an
     * unknown template. This is the check a job start runs before starting a config.
     */
    public List<Violation> validate(String template, String content) {
        ConfigTemplates.get(template);
        if (content == null || content.isBlank()) {
            return List.of(new Violation("$", "the config is empty", "parse"));
        }
        JsonNode doc;
        try {
            doc = ConfigDocuments.parse(content, ConfigDocuments.detectFormat(content));
        } catch (IllegalArgumentException e) {
            return List.of(new Violation("$", e.getMessage(), "parse"));
        }
        return ConfigTemplates.validate(template, doc);
    }

    /** Validates a stored config against its own template. */
    public List<Violation> validate(TrainingConfig config) {
        return validate(config.template(), config.content());
    }

    /**
     * Builds a config from the template's defaults (or from {@code content} when given) with the overrides merged in
     * (nested objects merged key by key; dotted keys such as {@code training.learning_rate} are paths), validates it
     * and saves it as the next version of {@code name}. An invalid result is not saved: IllegalArgumentException
     * listing every violation with its path.
     *
     * @param format
     *            yaml or json (null: json when content is JSON, else yaml)
     */
    public TrainingConfig create(Actor actor, String name, String template, String content, JsonNode overrides,
            String format, String description) {
        checkWritable();
        ConfigTemplate t = ConfigTemplates.get(template);
        String f = ConfigDocuments.format(format, content == null ? "" : content);
        JsonNode base = content == null || content.isBlank() ? t.defaults()
                : ConfigDocuments.parse(content, ConfigDocuments.detectFormat(content));
        JsonNode merged = ConfigDocuments.merge(base, overrides);
        List<Violation> violations = ConfigTemplates.validate(t.name(), merged);
        if (!violations.isEmpty()) {
            throw invalid(t.name(), violations);
        }
        return save(actor, name, t.name(), ConfigDocuments.write(merged, f), f, description);
    }

    /** Saves config text as written (after validating it) as the next version of {@code name}. */
    public TrainingConfig save(Actor actor, String name, String template, String content, String description) {
        checkWritable();
        List<Violation> violations = validate(template, content);
        if (!violations.isEmpty()) {
            throw invalid(template, violations);
        }
        return save(actor, name, template.trim(), content, ConfigDocuments.detectFormat(content), description);
    }

    private TrainingConfig save(Actor actor, String name, String template, String content, String format,
            String description) {
        String n = name(name);
        if (content.length() > MAX_CONTENT) {
            throw new IllegalArgumentException(
                    "the config is " + content.length() + " characters; at most " + MAX_CONTENT + " are accepted");
        }
        if (description != null && description.length() > 1000) {
            throw new IllegalArgumentException("description must be at most 1000 characters");
        }
        TrainingConfig saved = store.save(new NewTrainingConfig(n, template, format, content, description));
        tracking.auditor().record(actor, "training_config.save", "training_config/" + n,
                "version " + saved.version() + " of template " + template);
        return saved;
    }

    /** A version of a config (null: the latest); NotFoundException when absent. */
    public TrainingConfig get(String name, Integer version) {
        String n = name(name);
        if (version == null) {
            return store.latest(n).orElseThrow(() -> new NotFoundException(
                    "no training config named '" + n + "': list_configs shows the saved ones"));
        }
        return store.get(n, version).orElseThrow(() -> new NotFoundException("training config '" + n
                + "' has no version " + version + ": it has " + store.versions(n).size() + " version(s)"));
    }

    /**
     * The config a job may start from: the version (null: latest) when it passes its template's schema, else
     * IllegalArgumentException listing the violations.
     */
    public TrainingConfig requireValid(String name, Integer version) {
        TrainingConfig c = get(name, version);
        List<Violation> violations = validate(c);
        if (!violations.isEmpty()) {
            throw invalid(c.template(), violations);
        }
        return c;
    }

    /** Every version of a config, oldest first (empty when the name is unknown). */
    public List<TrainingConfig> versions(String name) {
        return store.versions(name(name));
    }

    /** A page of the latest version of every config (of one template when not null), by name. */
    public List<TrainingConfig> list(String template, int limit, long offset) {
        if (template != null) {
            ConfigTemplates.get(template);
        }
        return store.list(template == null ? null : template.trim(), limit, offset);
    }

    public long count(String template) {
        return store.count(template == null ? null : template.trim());
    }

    private static IllegalArgumentException invalid(String template, List<Violation> violations) {
        StringBuilder sb = new StringBuilder("the config does not match template " + template + " (" + violations.size()
                + " problem" + (violations.size() == 1 ? "" : "s") + "):");
        violations.forEach(v -> sb.append("\n- ").append(v));
        return new IllegalArgumentException(sb.toString());
    }

    private static String name(String name) {
        if (name == null || !NAME.matcher(name.trim()).matches()) {
            throw new IllegalArgumentException("config name must be 1-100 letters, digits, '.', '_' or '-' starting"
                    + " with a letter or digit, got '" + name + "'");
        }
        return name.trim();
    }

    private void checkWritable() {
        if (tracking.readOnly()) {
            throw new ReadOnlyException("training_config.save");
        }
    }
}
