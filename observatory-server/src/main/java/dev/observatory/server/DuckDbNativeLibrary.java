package dev.observatory.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps DuckDB's native library extracted next to the jar. The driver unpacks a library it finds at the root of the
 * class path into a new temporary file on every start (70 MB and half a second of CPU, and a file left in /tmp by every
 * killed process); when the library is not at the root, it loads {@code libduckdb_java.so_<os>_<arch>} from the
 * directory of the jar instead. The shaded jar therefore carries it under {@code native/}, and this class copies it
 * beside the jar once (again only when its size changes). Running from a Maven class path, the driver's own jar has the
 * library at its root and nothing happens here.
 */
final class DuckDbNativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbNativeLibrary.class);

    private DuckDbNativeLibrary() {
    }

    /** Call before the first DuckDB connection; never throws (DuckDB reports a missing library itself). */
    static void prepare() {
        String name = libraryName();
        if (name == null || DuckDbNativeLibrary.class.getResource("/" + name) != null) {
            return;
        }
        URL packed = DuckDbNativeLibrary.class.getResource("/native/" + name);
        if (packed == null) {
            return;
        }
        try {
            Path jar = Path.of(DuckDbNativeLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = jar.toRealPath().getParent().resolve(name);
            URLConnection connection = packed.openConnection();
            long size = connection.getContentLengthLong();
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                return;
            }
            Path tmp = Files.createTempFile(target.getParent(), name, ".part");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            LOG.info("DuckDB native library extracted to {}", target);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.error("cannot extract DuckDB's native library next to the jar ({}); make the jar's directory writable",
                    e.toString());
        }
    }

    /** DuckDB's name for this platform's library, or null on a platform it has none for. */
    static String libraryName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String a = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> null;
        };
        if (a == null) {
            return null;
        }
        return os.startsWith("windows") ? "libduckdb_java.so_windows_" + a
                : os.startsWith("mac") ? "libduckdb_java.so_macos_" + a
                        : os.startsWith("linux") ? "libduckdb_java.so_linux_" + a : null;
    }
}
