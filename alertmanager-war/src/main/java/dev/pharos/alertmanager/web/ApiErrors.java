package dev.pharos.alertmanager.web;

import dev.pharos.alertmanager.Json;
import dev.pharos.alertmanager.api.ApiException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors as the original's API server answers them: engine errors carry their status and a
 * JSON string body; request validation errors (types, formats) are go-openapi's
 * {@code {"code":..., "message":...}} objects with status 422 (or 400 for unreadable bodies).
 */
@Provider
public class ApiErrors implements ExceptionMapper<ApiException> {

    @Override
    public Response toResponse(ApiException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.jsonBody()).build();
    }

    /** go-openapi's error object. */
    static Response validation(int httpStatus, int code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("message", message);
        return Response.status(httpStatus).type(MediaType.APPLICATION_JSON).entity(Json.write(m)).build();
    }

    /** A query parameter that is not a boolean (go-openapi InvalidType, code 601). */
    static Response notBool(String name, String value) {
        return validation(422, 601, name + " in query must be of type bool: \"" + value + "\"");
    }

    /** An unparseable request body. */
    static Response badBody(String what, String reason) {
        return validation(400, 400, "parsing " + what + " body from \"\" failed, because " + reason);
    }

    static Response json(Object tree) {
        return Response.ok(Json.write(tree), MediaType.APPLICATION_JSON).build();
    }

    /** Thrown by parameter parsing; carries a ready response. */
    static final class Invalid extends RuntimeException {
        final transient Response response;

        Invalid(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    /** Maps {@link Invalid} to its response. */
    @Provider
    public static class InvalidMapper implements ExceptionMapper<Invalid> {
        @Override
        public Response toResponse(Invalid e) {
            return e.response;
        }
    }

    static boolean bool(String name, String value, boolean dflt) {
        if (value == null || value.isEmpty()) {
            return dflt;
        }
        switch (value) {
            case "1", "t", "T", "TRUE", "true", "True":
                return true;
            case "0", "f", "F", "FALSE", "false", "False":
                return false;
            default:
                throw new Invalid(notBool(name, value));
        }
    }
}
