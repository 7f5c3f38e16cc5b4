package dev.phasewise.db;

import java.util.Optional;

/**
 * What Phasewise learns about a server when it connects: the version decides which lock rules
 * apply, recovery and the environment marker decide what the {@link StagingGuard} allows.
 *
 * @param versionNum       {@code server_version_num}, e.g. 170004
 * @param version          {@code server_version}, e.g. "17.4"
 * @param database         {@code current_database()}
 * @param user             {@code current_user}
 * @param inRecovery       {@code pg_is_in_recovery()}: a hot standby, which accepts no writes
 * @param environment      {@code current_setting('phasewise.environment', true)}, null when unset
 */
public record ServerInfo(int versionNum, String version, String database, String user, boolean inRecovery,
                         String environment) {
    public static final String ENVIRONMENT_SETTING = "phasewise.environment";
    public static final String STAGING = "staging";

    /** 17 for 170004; 9.6 servers (90624) would give 9, and are refused anyway. */
    public int major() {
        return versionNum / 10000;
    }

    public Optional<String> environmentMarker() {
        return Optional.ofNullable(environment).filter(s -> !s.isEmpty());
    }

    /** The database carries {@code phasewise.environment = 'staging'}. */
    public boolean markedStaging() {
        return environmentMarker().map(STAGING::equalsIgnoreCase).orElse(false);
    }
}
