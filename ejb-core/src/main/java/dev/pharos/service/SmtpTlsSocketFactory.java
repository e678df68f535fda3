package dev.pharos.service;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS sockets of the e-mail receiver (SMTPS and the STARTTLS upgrade), set up as the
 * original's tls_config asks: {@code server_name} is sent as SNI and the certificate must match
 * it (the JDK checks the SNI name when endpoint identification is on), and {@code min_version}
 * limits the protocols. Jakarta Mail's own identity check only knows the smarthost's host, so
 * it is switched off when this factory verifies.
 */
final class SmtpTlsSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final String serverName;
    private final boolean verify;
    private final String[] protocols;

    SmtpTlsSocketFactory(SSLSocketFactory delegate, String serverName, boolean verify, String minVersion) {
        this.delegate = delegate;
        this.serverName = serverName == null ? "" : serverName;
        this.verify = verify;
        this.protocols = "TLS13".equalsIgnoreCase(minVersion) ? new String[] {"TLSv1.3"}
                : new String[] {"TLSv1.3", "TLSv1.2"};
    }

    private Socket configure(Socket s) {
        if (s instanceof SSLSocket ssl) {
            SSLParameters p = ssl.getSSLParameters();
            if (!serverName.isEmpty()) {
                p.setServerNames(List.of(new SNIHostName(serverName)));
            }
            if (verify) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            p.setProtocols(protocols);
            ssl.setSSLParameters(p);
        }
        return s;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return configure(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return configure(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return configure(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return configure(delegate.createSocket(address, port, localAddress, localPort));
    }
}
