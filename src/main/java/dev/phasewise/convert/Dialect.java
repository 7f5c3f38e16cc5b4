package dev.phasewise.convert;

import java.util.regex.Pattern;

/**
 * Where the migration comes from, so that the deploy gates speak its language: Django's
 * {@code sqlmigrate} output names model fields; plain SQL names columns.
 */
public enum Dialect {
    SQL, DJANGO;

    // sqlmigrate prints each operation's description as a "--\n-- Add field x to y\n--" comment block
    private static final Pattern DJANGO_OPERATION = Pattern.compile(
            "(?m)^--\\s*$\\s*^-- (Add field|Alter field|Remove field|Create model|Rename field|Create index|"
                    + "Add index|Remove index|Add constraint|Remove constraint|Delete model|Alter unique_together|"
                    + "Raw SQL operation|Custom state/database change combination|Rename model|Alter index_together)");

    public static Dialect of(String source) {
        return DJANGO_OPERATION.matcher(source).find() ? DJANGO : SQL;
    }
}
