namespace PSDocker.Tests.Harness;

/// <summary>
/// A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl for one test run,
/// laid out as DOCKER_CERT_PATH folders: Good (ca/cert/key), WrongCa (another CA's ca.pem, a valid client
/// cert), CaOnly (ca.pem, no client cert).
/// </summary>
public sealed class TestCertificates
{
    private TestCertificates(string root)
    {
        ServerFolder = Path.Combine(root, "server");
        Good = Path.Combine(root, "good");
        WrongCa = Path.Combine(root, "wrong-ca");
        CaOnly = Path.Combine(root, "ca-only");
    }

    public string ServerFolder { get; }
    public string Good { get; }
    public string WrongCa { get; }
    public string CaOnly { get; }

    public static TestCertificates Create(string root)
    {
        var certs = new TestCertificates(root);
        var work = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
        foreach (var dir in new[] { certs.ServerFolder, certs.Good, certs.WrongCa, certs.CaOnly })
        {
            Directory.CreateDirectory(dir);
        }

        string P(string name) => Path.Combine(work, name);
        void OpenSsl(params string[] args) => Processes.Run("openssl", args).EnsureSuccess("openssl " + string.Join(' ', args));

        OpenSsl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", P("ca-key.pem"), "-out", P("ca.pem"), "-days", "2", "-subj", "/CN=PSDocker test CA");
        OpenSsl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", P("other-ca-key.pem"), "-out", P("other-ca.pem"), "-days", "2", "-subj", "/CN=PSDocker other CA");

        File.WriteAllText(P("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        OpenSsl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", P("server-key.pem"), "-out", P("server.csr"), "-subj", "/CN=localhost");
        OpenSsl("x509", "-req", "-in", P("server.csr"), "-CA", P("ca.pem"), "-CAkey", P("ca-key.pem"), "-set_serial", "1001", "-days", "2", "-sha256", "-extfile", P("server.ext"), "-out", P("server-cert.pem"));

        File.WriteAllText(P("client.ext"), "extendedKeyUsage=clientAuth\n");
        OpenSsl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", P("key.pem"), "-out", P("client.csr"), "-subj", "/CN=psdocker-client");
        OpenSsl("x509", "-req", "-in", P("client.csr"), "-CA", P("ca.pem"), "-CAkey", P("ca-key.pem"), "-set_serial", "1002", "-days", "2", "-sha256", "-extfile", P("client.ext"), "-out", P("cert.pem"));

        Copy(P("ca.pem"), certs.ServerFolder, "ca.pem");
        Copy(P("server-cert.pem"), certs.ServerFolder, "server-cert.pem");
        Copy(P("server-key.pem"), certs.ServerFolder, "server-key.pem");
        Copy(P("ca.pem"), certs.Good, "ca.pem");
        Copy(P("cert.pem"), certs.Good, "cert.pem");
        Copy(P("key.pem"), certs.Good, "key.pem");
        Copy(P("other-ca.pem"), certs.WrongCa, "ca.pem");
        Copy(P("cert.pem"), certs.WrongCa, "cert.pem");
        Copy(P("key.pem"), certs.WrongCa, "key.pem");
        Copy(P("ca.pem"), certs.CaOnly, "ca.pem");
        return certs;
    }

    private static void Copy(string from, string folder, string name) => File.Copy(from, Path.Combine(folder, name), overwrite: true);
}
