package dev.pharos.web.api;

import dev.pharos.json.JsonWriter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.util.List;

/**
 * Prometheus's response envelope: {@code {"status":"success","data":...}} or
 * {@code {"status":"error","errorType":...,"error":...}}, streamed through {@link JsonWriter}
 * so a large result never sits in memory as a whole.
 */
public final class ApiResponse {

    /** Writes the value of the "data" member. */
    @FunctionalInterface
    public interface DataWriter {
        void write(JsonWriter json) throws IOException;
    }

    private ApiResponse() {
    }

    public static Response success(DataWriter data) {
        return success(data, List.of(), List.of());
    }

    public static Response success(DataWriter data, List<String> warnings, List<String> infos) {
        StreamingOutput body = out -> {
            JsonWriter json = new JsonWriter(out);
            json.beginObject().member("status", "success").name("data");
            data.write(json);
            if (!warnings.isEmpty()) {
                json.name("warnings").beginArray();
                for (String w : warnings) {
                    json.value(w);
                }
                json.endArray();
            }
            if (!infos.isEmpty()) {
                json.name("infos").beginArray();
                for (String i : infos) {
                    json.value(i);
                }
                json.endArray();
            }
            json.endObject();
            json.flush();
        };
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** A plain-data "data" member (maps, lists, strings, numbers). */
    public static Response successTree(Object tree) {
        return success(json -> json.tree(tree));
    }

    public static Response error(ErrorType type, String message) {
        StreamingOutput body = out -> {
            JsonWriter json = new JsonWriter(out, 1024);
            json.beginObject()
                    .member("status", "error")
                    .member("errorType", type.wireName())
                    .member("error", message)
                    .endObject();
            json.flush();
        };
        return Response.status(type.status()).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Prometheus's error types and the HTTP status each is answered with. */
    public enum ErrorType {
        BAD_DATA("bad_data", 400),
        EXECUTION("execution", 422),
        TIMEOUT("timeout", 503),
        CANCELED("canceled", 499),
        INTERNAL("internal", 500),
        NOT_FOUND("not_found", 404),
        UNAVAILABLE("unavailable", 503);

        private final String wireName;
        private final int status;

        ErrorType(String wireName, int status) {
            this.wireName = wireName;
            this.status = status;
        }

        public String wireName() {
            return wireName;
        }

        public int status() {
            return status;
        }
    }
}
