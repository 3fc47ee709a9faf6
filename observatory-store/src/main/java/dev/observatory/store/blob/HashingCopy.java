package dev.observatory.store.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 helpers shared by the stores. */
final class HashingCopy {

    private HashingCopy() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The declared digest in lowercase, null when none; IllegalArgumentException when not 64 hex digits. */
    static String checkDeclared(String expectedSha256) {
        if (expectedSha256 == null || expectedSha256.isBlank()) {
            return null;
        }
        String s = expectedSha256.trim().toLowerCase(Locale.ROOT);
        if (!s.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(
                    "expected SHA-256 must be 64 hexadecimal digits, got '" + expectedSha256 + "'");
        }
        return s;
    }

    static void checkMatch(String key, String expected, String actual, long size) {
        if (expected != null && !expected.equals(actual)) {
            throw new IllegalArgumentException("SHA-256 mismatch for '" + key + "': declared " + expected + " but the "
                    + size + " bytes received hash to " + actual + "; nothing was stored");
        }
    }

    static void checkSize(String key, long declared, long actual) {
        if (declared >= 0 && declared != actual) {
            throw new IllegalArgumentException("size mismatch for '" + key + "': declared " + declared
                    + " bytes but received " + actual + "; nothing was stored");
        }
    }

    static String contentType(String contentType) {
        return contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType.trim();
    }
}
