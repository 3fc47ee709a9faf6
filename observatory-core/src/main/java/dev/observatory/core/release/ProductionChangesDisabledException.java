package dev.observatory.core.release;

import dev.observatory.core.ReadOnlyException;

/** A production change (propose_release_config) while the production gate is closed. Surfaces map it like read-only. */
public final class ProductionChangesDisabledException extends ReadOnlyException {
    private static final long serialVersionUID = 1L;

    ProductionChangesDisabledException() {
        super("production changes are disabled: propose_release_config needs allow_production_changes"
                + " (OBSERVATORY_ALLOW_PRODUCTION_CHANGES=true) and an API key with the production scope", true);
    }

    /** The gate is open but the caller lacks the production scope. */
    ProductionChangesDisabledException(String actor) {
        super("production changes need an API key with the production scope: '" + actor + "' has none (create one"
                + " with `observatory keys create --scopes read,write,production`)", true);
    }
}
