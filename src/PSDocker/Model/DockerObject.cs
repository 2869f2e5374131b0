namespace PSDocker.Model
{
    /// <summary>
    /// What every PSDocker output object carries: the engine it came from, so that piping it into another
    /// PSDocker cmdlet acts on that same engine (both properties bind to -DockerHost / -Context by name).
    /// </summary>
    public abstract class DockerObject
    {
        /// <summary>The engine the object came from, e.g. unix:///var/run/docker.sock.</summary>
        public string DockerHost { get; internal set; } = string.Empty;

        /// <summary>The docker context the engine was reached through, if any.</summary>
        public string? Context { get; internal set; }
    }
}
