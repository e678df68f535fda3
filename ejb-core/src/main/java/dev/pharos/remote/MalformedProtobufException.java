package dev.pharos.remote;

/** A request body that is not the protobuf message it should be; answered with HTTP 400. */
public final class MalformedProtobufException extends Exception {
    public MalformedProtobufException(String message) {
        super(message);
    }
}
