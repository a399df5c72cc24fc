package io.strata.api;

/** Loki's {@code /loki/api/v1/status/buildinfo} body; the version names the Loki API level Strata speaks. */
final class BuildInfo {
    static final String VERSION = "3.7.0";

    private BuildInfo() {}

    static byte[] json() {
        String revision = System.getProperty("strata.revision", "");
        return ResponseJson.render(g -> {
            g.writeStartObject();
            g.writeStringField("version", VERSION);
            g.writeStringField("revision", revision);
            g.writeStringField("branch", "");
            g.writeStringField("buildUser", "");
            g.writeStringField("buildDate", "");
            g.writeStringField("goVersion", "");
            g.writeEndObject();
        });
    }
}
