using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.X509;
using Microsoft.Net.Http.Client;
using PSDocker.Resources;

namespace PSDocker.Connection
{
    /// <summary>
    /// TLS for tcp endpoints, verified like the docker CLI: the daemon's chain must end at the configured
    /// CA (or a system root when no ca.pem is given) and its name must match the host.
    /// </summary>
    internal sealed class TlsAuthProvider : IAuthProvider
    {
        private readonly TlsSettings _settings;
        private readonly X509Certificate2? _clientCertificate;
        private readonly X509Certificate2? _authority;

        public TlsAuthProvider(TlsSettings settings)
        {
            _settings = settings;
            try
            {
                if (settings.HasClientCertificate)
                {
                    _clientCertificate = DockerTlsCertificates.LoadCertificateFromPemFiles(settings.CertFile!, settings.KeyFile!);
                }

                if (settings.CaFile != null)
                {
                    _authority = DockerTlsCertificates.LoadCertificateAuthorityFromPemFile(settings.CaFile);
                }
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                throw new DockerPSException(
                    string.Format(System.Globalization.CultureInfo.CurrentCulture, ConnectionMessages.TlsMaterialInvalid, settings.CertPath, e.Message),
                    "DockerTlsMaterialInvalid", System.Management.Automation.ErrorCategory.InvalidData, settings.CertPath, e);
            }
        }

        public bool TlsEnabled => true;

        public bool HasClientCertificate => _clientCertificate != null;

        /// <summary>Why the last certificate check failed, for the error message; null when none failed.</summary>
        public string? LastVerifyFailure { get; private set; }

        public HttpMessageHandler ConfigureHandler(HttpMessageHandler handler)
        {
            if (handler is ManagedHandler managed)
            {
                if (_clientCertificate != null)
                {
                    managed.ClientCertificates.Add(_clientCertificate);
                }

                managed.ServerCertificateValidationCallback = Validate;
            }

            return handler;
        }

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
