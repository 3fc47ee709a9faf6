package dev.observatory.model;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Id generation: 16 lower-case hex characters (64 random bits). */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
