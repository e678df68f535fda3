package dev.pharos.security;

/** Invalid security configuration: says which setting or file and what is wrong. */
public class SecurityConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public SecurityConfigException(String message) {
        super(message);
    }
}
