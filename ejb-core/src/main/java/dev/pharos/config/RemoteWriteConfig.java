package dev.pharos.config;

import dev.pharos.relabel.RelabelConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One {@code remote_write} entry. {@code enable_http2} defaults to false here, as in Prometheus. */
public record RemoteWriteConfig(
        String url,
        String protobufMessage,
        Duration remoteTimeout,
        Map<String, String> headers,
        List<RelabelConfig> writeRelabelConfigs,
        String name,
        boolean sendExemplars,
        boolean sendNativeHistograms,
        boolean roundRobinDns,
        HttpClientConfig httpClientConfig,
        QueueConfig queueConfig,
        MetadataConfig metadataConfig) {

    public static final String PROTO_V1 = "prometheus.WriteRequest";
    public static final String PROTO_V2 = "io.prometheus.write.v2.Request";

    /** {@code queue_config}. */
    public record QueueConfig(int capacity, int maxShards, int minShards, int maxSamplesPerSend,
            Duration batchSendDeadline, Duration minBackoff, Duration maxBackoff, boolean retryOnHttp429,
            Duration sampleAgeLimit) {
        public static final QueueConfig DEFAULT = new QueueConfig(10000, 50, 1, 2000, Duration.ofSeconds(5),
                Duration.ofMillis(30), Duration.ofSeconds(5), false, Duration.ZERO);
    }

    /** {@code metadata_config}. */
    public record MetadataConfig(boolean send, Duration sendInterval, int maxSamplesPerSend) {
        public static final MetadataConfig DEFAULT = new MetadataConfig(true, Duration.ofMinutes(1), 2000);
    }
}
