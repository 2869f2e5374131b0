namespace PSDocker.Tests.Harness;

/// <summary>Sets process environment variables for one test and puts the old values back after it.</summary>
public sealed class EnvScope : IDisposable
{
    private readonly Dictionary<string, string?> _saved = new();

    public static EnvScope Set(params (string Name, string? Value)[] variables)
    {
        var scope = new EnvScope();
        foreach (var (name, value) in variables)
        {
            scope.Put(name, value);
        }

        return scope;
    }

    /// <summary>A clean slate: none of the variables that steer the docker CLI, then the given ones.</summary>
    public static EnvScope Clean(params (string Name, string? Value)[] variables)
    {
        var scope = new EnvScope();
        foreach (var name in new[] { "DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_TLS_VERIFY", "DOCKER_TLS", "DOCKER_CERT_PATH", "DOCKER_API_VERSION" })
        {
            scope.Put(name, null);
        }

        foreach (var (name, value) in variables)
        {
            scope.Put(name, value);
        }

        return scope;
    }

    public void Put(string name, string? value)
    {
        if (!_saved.ContainsKey(name))
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
        }

        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
