package dev.pharos.web.api;

import dev.pharos.tsdb.StorageNotReadyException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * While the TSDB replays its WAL, every endpoint that needs samples answers as Prometheus's
 * readiness gate does: 503 with the plain text "Service Unavailable". Clients such as Grafana
 * and remote-write senders retry on 503.
 */
@Provider
public class NotReadyMapper implements ExceptionMapper<StorageNotReadyException> {

    @Override
    public Response toResponse(StorageNotReadyException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.TEXT_PLAIN_TYPE)
                .entity("Service Unavailable").build();
    }
}
