/**
 * Internal: the socket-free TLS building blocks, on BouncyCastle's JSSE provider.
 *
 * <p>{@link io.jlws.tls.TlsSettings} describes libwebsockets' TLS options and builds a
 * {@link io.jlws.tls.TlsContext} (SSLContext plus per-engine parameters). Underneath:
 * {@link io.jlws.tls.CipherList} translates OpenSSL cipher strings ({@code ssl_cipher_list}) into JSSE suite
 * names, {@link io.jlws.tls.PemMaterial} loads PEM certificates and keys, {@link io.jlws.tls.SelfSignedCertificate}
 * generates a development certificate. Nothing here opens sockets, starts threads or logs: problems are
 * {@link io.jlws.tls.TlsConfigException}s, warnings are returned as data for the caller to log. The
 * BouncyCastle providers are passed explicitly and never registered with {@link java.security.Security}.
 */
package io.jlws.tls;
