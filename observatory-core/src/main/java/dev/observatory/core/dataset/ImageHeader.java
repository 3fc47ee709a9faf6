package dev.observatory.core.dataset;

/**
 * Format and dimensions of an image decoded from its header bytes only (PNG, JPEG, GIF, WebP, BMP), with a structural
 * check that the file is complete: PNG chunks walked up to IEND, JPEG ends in EOI after its scan, GIF ends in its
 * trailer, WebP and BMP hold as many bytes as their headers declare. No pixel is decoded.
 *
 * @param format
 *            png, jpeg, gif, webp, bmp, or unknown
 * @param problem
 *            null when the file looks whole; else what is wrong ({@code truncated: ...}, {@code corrupt: ...})
 */
public record ImageHeader(String format, int width, int height, String problem) {

    public boolean ok() {
        return problem == null;
    }

    static ImageHeader read(byte[] b) {
        if (b.length == 0) {
            return bad("unknown", "corrupt: empty file");
        }
        try {
            if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
                return png(b);
            }
            if (starts(b, 0xFF, 0xD8)) {
                return jpeg(b);
            }
            if (starts(b, 'G', 'I', 'F', '8')) {
                return gif(b);
            }
            if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                    && b[11] == 'P') {
                return webp(b);
            }
            if (starts(b, 'B', 'M')) {
                return bmp(b);
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return bad("unknown", "truncated: the header is cut short");
        }
        return bad("unknown", "corrupt: not a PNG, JPEG, GIF, WebP or BMP file");
    }

    private static ImageHeader png(byte[] b) {
        if (b.length < 24 || !(b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R')) {
            return bad("png", b.length < 24 ? "truncated: the header is cut short" : "corrupt: no IHDR chunk");
        }
        int w = be32(b, 16);
        int h = be32(b, 20);
        long pos = 8;
        boolean data = false;
        while (pos + 8 <= b.length) {
            long len = be32(b, (int) pos) & 0xFFFFFFFFL;
            boolean iend = b[(int) pos + 4] == 'I' && b[(int) pos + 5] == 'E' && b[(int) pos + 6] == 'N'
                    && b[(int) pos + 7] == 'D';
            data |= b[(int) pos + 4] == 'I' && b[(int) pos + 5] == 'D' && b[(int) pos + 6] == 'A'
                    && b[(int) pos + 7] == 'T';
            long next = pos + 12 + len;
            if (next > b.length) {
                return new ImageHeader("png", w, h, "truncated: a chunk runs past the end of the file");
            }
            if (iend) {
                return dims("png", w, h, data ? null : "corrupt: no image data (IDAT)");
            }
            pos = next;
        }
        return new ImageHeader("png", w, h, "truncated: no IEND chunk");
    }

    private static ImageHeader jpeg(byte[] b) {
        int pos = 2;
        int w = 0;
        int h = 0;
        while (pos + 4 <= b.length) {
            if ((b[pos] & 0xFF) != 0xFF) {
                return new ImageHeader("jpeg", w, h, "corrupt: bad marker at byte " + pos);
            }
            int marker = b[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                pos += 2;
                continue;
            }
            int len = be16(b, pos + 2);
            if (isStartOfFrame(marker)) {
                h = be16(b, pos + 5);
                w = be16(b, pos + 7);
            }
            if (marker == 0xDA) {
                return dims("jpeg", w, h, endsWithEoi(b, pos + 2 + len) ? null : "truncated: no EOI marker");
            }
            if (marker == 0xD9) {
                return new ImageHeader("jpeg", w, h, "corrupt: no image scan before EOI");
            }
            pos += 2 + len;
        }
        return new ImageHeader("jpeg", w, h, "truncated: the file ends inside the header");
    }

    private static boolean isStartOfFrame(int m) {
        return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }

    /** An EOI marker (FF D9) within the last 4 KiB after the scan start; only EOI is FF D9 in scan data. */
    private static boolean endsWithEoi(byte[] b, int scanStart) {
        int from = Math.max(scanStart, b.length - 4096);
        for (int i = b.length - 2; i >= from; i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    private static ImageHeader gif(byte[] b) {
        int w = le16(b, 6);
        int h = le16(b, 8);
        return dims("gif", w, h, b[b.length - 1] == 0x3B ? null : "truncated: no GIF trailer");
    }

    private static ImageHeader webp(byte[] b) {
        long declared = (le32(b, 4) & 0xFFFFFFFFL) + 8;
        int w;
        int h;
        if (startsAt(b, 12, 'V', 'P', '8', 'X')) {
            w = 1 + (le16(b, 24) | (b[26] & 0xFF) << 16);
            h = 1 + (le16(b, 27) | (b[29] & 0xFF) << 16);
        } else if (startsAt(b, 12, 'V', 'P', '8', 'L')) {
            int bits = le32(b, 21);
            w = 1 + (bits & 0x3FFF);
            h = 1 + (bits >>> 14 & 0x3FFF);
        } else if (startsAt(b, 12, 'V', 'P', '8', ' ')) {
            w = le16(b, 26) & 0x3FFF;
            h = le16(b, 28) & 0x3FFF;
        } else {
            return bad("webp", "corrupt: unknown WebP chunk");
        }
        return dims("webp", w, h,
                declared > b.length ? "truncated: " + b.length + " of " + declared + " declared bytes" : null);
    }

    private static ImageHeader bmp(byte[] b) {
        long declared = le32(b, 2) & 0xFFFFFFFFL;
        int dib = le32(b, 14);
        int w = dib == 12 ? le16(b, 18) : le32(b, 18);
        int h = Math.abs(dib == 12 ? le16(b, 20) : le32(b, 22));
        long dataOffset = le32(b, 10) & 0xFFFFFFFFL;
        if (declared > b.length || dataOffset >= b.length) {
            return new ImageHeader("bmp", w, h, "truncated: " + b.length + " of " + declared + " declared bytes");
        }
        return dims("bmp", w, h, null);
    }

    private static ImageHeader dims(String format, int w, int h, String problem) {
        if (problem == null && (w <= 0 || h <= 0)) {
            return new ImageHeader(format, w, h, "corrupt: dimensions " + w + "x" + h);
        }
        return new ImageHeader(format, w, h, problem);
    }

    private static ImageHeader bad(String format, String problem) {
        return new ImageHeader(format, 0, 0, problem);
    }

    private static boolean starts(byte[] b, int... sig) {
        return startsAt(b, 0, sig);
    }

    private static boolean startsAt(byte[] b, int at, int... sig) {
        if (b.length < at + sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if ((b[at + i] & 0xFF) != sig[i]) {
                return false;
            }
        }
        return true;
    }

    private static int be32(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF;
    }

    private static int be16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF;
    }

    private static int le32(byte[] b, int i) {
        return b[i] & 0xFF | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    private static int le16(byte[] b, int i) {
        return b[i] & 0xFF | (b[i + 1] & 0xFF) << 8;
    }
}
