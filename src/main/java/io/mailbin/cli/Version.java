package io.mailbin.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar's manifest (or "development" when run from classes). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"mailbin " + (v == null ? "development" : v)};
    }
}
