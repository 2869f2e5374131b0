using System;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet.X509;
using PSDocker.Resources;

namespace PSDocker.Connection
{
    /// <summary>
    /// TLS for tcp endpoints, verified like the docker CLI: the daemon's chain must end at the configured
    /// CA (or a system root when no ca.pem is given) and its name must match the host. It makes the TLS session of
    /// each kept connection (<see cref="KeepAliveStream.ConnectTlsAsync"/>); the client library's handler makes none.
    /// </summary>
    internal sealed class TlsAuthProvider
    {
        private readonly TlsSettings _settings;
        private readonly X509Certificate2? _clientCertificate;
        private readonly X509Certificate2? _authority;
        private static long _lastId;

        public TlsAuthProvider(TlsSettings settings)
        {
            Id = System.Threading.Interlocked.Increment(ref _lastId);
            _settings = settings;
            if (settings.HasClientCertificate)
            {
                try
                {
                    _clientCertificate = DockerTlsCertificates.LoadCertificateFromPemFiles(settings.CertFile!, settings.KeyFile!);
                }
                catch (Exception e) when (!(e is OutOfMemoryException))
                {
                    // Which of the two is wrong: the one that is not PEM, else the certificate (the key is read with it).
                    var file = WhatIsWrong(settings.KeyFile!, "PRIVATE KEY") != null && WhatIsWrong(settings.CertFile!, "CERTIFICATE") == null ? settings.KeyFile! : settings.CertFile!;
                    throw Invalid(settings, file, file == settings.KeyFile ? "PRIVATE KEY" : "CERTIFICATE", e);
                }
            }

            if (settings.CaFile != null)
            {
                try
                {
                    _authority = DockerTlsCertificates.LoadCertificateAuthorityFromPemFile(settings.CaFile);
                }
                catch (Exception e) when (!(e is OutOfMemoryException))
                {
                    throw Invalid(settings, settings.CaFile, "CERTIFICATE", e);
                }
            }
        }

        /// <summary>DockerTlsMaterialInvalid naming the file and what is wrong with it, not the loader's "Value cannot be null".</summary>
        private static DockerPSException Invalid(TlsSettings settings, string file, string block, Exception e)
        {
            var why = WhatIsWrong(file, block) ?? "it could not be loaded (" + e.Message.TrimEnd('.') + ")";
            return new DockerPSException(
                string.Format(System.Globalization.CultureInfo.CurrentCulture, ConnectionMessages.TlsMaterialInvalid, file, why, settings.CertPath),
                "DockerTlsMaterialInvalid", System.Management.Automation.ErrorCategory.InvalidData, file, e);
        }

        /// <summary>Why <paramref name="file"/> is not a PEM file holding a <paramref name="block"/> block, or null if it looks like one.</summary>
        private static string? WhatIsWrong(string file, string block)
        {
            string text;
            try
            {
                text = System.IO.File.ReadAllText(file);
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                return e is System.IO.FileNotFoundException || e is System.IO.DirectoryNotFoundException ? "it does not exist" : "it cannot be read (" + e.Message.TrimEnd('.') + ")";
            }

            if (text.IndexOf("-----BEGIN ", StringComparison.Ordinal) < 0)
            {
                return "it is not in PEM form (no -----BEGIN " + block + "----- line)";
            }

            return text.IndexOf(block + "-----", StringComparison.Ordinal) < 0 ? "it holds no " + block + " block" : null;
        }

        /// <summary>This provider among all made in the process: connections it authenticated are kept under it alone.</summary>
        public long Id { get; }

        public bool HasClientCertificate => _clientCertificate != null;

        /// <summary>Why the last certificate check failed, for the error message; null when none failed.</summary>
        public string? LastVerifyFailure { get; private set; }

        /// <summary>
        /// A TLS session over <paramref name="transport"/> (a kept connection's socket stream; the session owns it): TLS 1.2,
        /// the client certificate when there is one, the daemon verified by <see cref="Validate"/> against <paramref name="host"/>.
        /// <paramref name="blocking"/>: the handshake is made with blocking calls, and the task is done when this returns
        /// (for <see cref="KeepAliveStream.ConnectTls"/>).
        /// </summary>
        public async System.Threading.Tasks.Task<System.IO.Stream> AuthenticateAsync(System.IO.Stream transport, string host, bool blocking = false)
        {
            var session = new SslStream(transport, leaveInnerStreamOpen: false, Validate);
            try
            {
                if (blocking)
                {
                    session.AuthenticateAsClient(host, ClientCertificates(), Protocols, checkCertificateRevocation: false);
                }
                else
                {
                    await session.AuthenticateAsClientAsync(host, ClientCertificates(), Protocols, checkCertificateRevocation: false).ConfigureAwait(false);
                }

                return session;
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }

        /// <summary>TLS 1.2, as the client library's handler made it.</summary>
        private const System.Security.Authentication.SslProtocols Protocols = System.Security.Authentication.SslProtocols.Tls12;

        private X509CertificateCollection ClientCertificates() =>
            _clientCertificate is null ? new X509CertificateCollection() : new X509CertificateCollection { _clientCertificate };

        private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (!_settings.Verify)
            {
                return true;
            }

            if (certificate is null)
            {
                return Fail("the daemon presented no certificate");
            }

            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return Fail("the certificate does not name this host");
            }

            if (_authority is null)
            {
                return errors == SslPolicyErrors.None || Fail("the certificate is not trusted by this system (" + errors + ")");
            }

            var server = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
            using var ownChain = new X509Chain();
            ownChain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            ownChain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
            ownChain.ChainPolicy.ExtraStore.Add(_authority);
            if (!ownChain.Build(server))
            {
                return Fail("its chain does not build (" + DescribeStatus(ownChain) + ")");
            }

            var root = ownChain.ChainElements[ownChain.ChainElements.Count - 1].Certificate;
            if (!string.Equals(root.Thumbprint, _authority.Thumbprint, StringComparison.OrdinalIgnoreCase))
            {
                return Fail("it was not signed by the CA in " + _settings.CaFile);
            }

            LastVerifyFailure = null;
            return true;
        }

        private bool Fail(string reason)
        {
            LastVerifyFailure = reason;
            return false;
        }

        private static string DescribeStatus(X509Chain chain)
        {
            var parts = new System.Collections.Generic.List<string>();
            foreach (var status in chain.ChainStatus)
            {
                parts.Add(status.Status.ToString());
            }

            return string.Join(", ", parts);
        }
    }
}
