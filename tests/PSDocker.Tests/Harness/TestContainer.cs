namespace PSDocker.Tests.Harness;

/// <summary>A container a test made; disposing removes it (forced), whatever state it is in.</summary>
public sealed class TestContainer : IDisposable
{
    private readonly EngineFixture _engine;

    public TestContainer(EngineFixture engine, string id)
    {
        _engine = engine;
        Id = id;
    }

    public string Id { get; }

    public string Name => _engine.DockerOk("inspect", "--format", "{{.Name}}", Id).TrimStart('/');

    public string State => _engine.DockerOk("inspect", "--format", "{{.State.Status}}", Id);

    public void Dispose() => _engine.Docker("rm", "-f", "-v", Id);
}
