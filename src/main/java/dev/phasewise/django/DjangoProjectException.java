package dev.phasewise.django;

/** A Django project that cannot be read: the message names the project, and the migration when one is at fault. */
public final class DjangoProjectException extends Exception {
    public DjangoProjectException(String message) {
        super(message);
    }
}
