package dev.observatory.store.blob;

import dev.observatory.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of (key, expiry) for the filesystem store's download links, with a per-store secret of 32
 * random bytes kept in a file under the store's root (created once, owner-only permissions where POSIX).
 */
final class LinkSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec secret;

    private LinkSigner(byte[] secret) {
        this.secret = new SecretKeySpec(secret, ALGORITHM);
    }

    /** Loads the secret from {@code file}, creating it on first use. */
    static LinkSigner load(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < 32) {
                throw new StoreException("link secret " + file + " is damaged (" + bytes.length
                        + " bytes); delete it to make a new one (existing links stop working)", null);
            }
            return new LinkSigner(bytes);
        } catch (IOException e) {
            throw new StoreException("cannot read or create the link secret " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.write(file, bytes, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        } catch (FileAlreadyExistsException raced) {
            // another store instance created it first: use theirs
        }
    }

    /** Lowercase hex HMAC of the key and expiry. */
    String sign(String key, long expiresEpochSeconds) {
        return HexFormat.of().formatHex(mac(key, expiresEpochSeconds));
    }

    /** Constant-time check of a hex signature. */
    boolean valid(String key, long expiresEpochSeconds, String signature) {
        if (signature == null || signature.length() != 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(key, expiresEpochSeconds), given);
    }

    private byte[] mac(String key, long expiresEpochSeconds) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac.doFinal((key + "\n" + expiresEpochSeconds).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
