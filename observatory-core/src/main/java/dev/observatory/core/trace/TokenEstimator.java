package dev.observatory.core.trace;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;

/**
 * Estimates token counts from prompt and response text with jtokkit: o200k_base for the GPT-4o / 4.1 / o-series
 * families, cl100k_base for every other model (an approximation for non-OpenAI tokenizers: counts are flagged as
 * estimated). Thread-safe; the encodings load on first use.
 */
final class TokenEstimator {

    private static final class Holder {
        static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    }

    /** Tokens of the text for the model's family; 0 for null or empty text. */
    long count(String model, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return encoding(model).countTokensOrdinary(text);
    }

    private static Encoding encoding(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        m = m.substring(m.lastIndexOf('/') + 1);
        boolean o200k = m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-5")
                || m.matches("o\\d.*");
        return Holder.REGISTRY.getEncoding(o200k ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE);
    }
}
