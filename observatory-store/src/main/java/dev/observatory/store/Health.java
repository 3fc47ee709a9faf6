package dev.observatory.store;

/** Result of {@link StorageComponent#check()}. */
public record Health(boolean ok, String detail) {

    public static Health up() {
        return new Health(true, "ok");
    }

    public static Health down(String detail) {
        return new Health(false, detail);
    }
}
