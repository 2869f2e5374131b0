namespace PSDocker.Model
{
    /// <summary>A stack as <c>docker stack ls</c> shows it: the services labelled with one com.docker.stack.namespace.</summary>
    public sealed class DockerStack : DockerObject
    {
        /// <summary>The stack's name (the value of the com.docker.stack.namespace label).</summary>
        public string Name { get; internal set; } = string.Empty;

        /// <summary>How many services the stack has.</summary>
        public int Services { get; internal set; }

        /// <summary>Swarm: the only orchestrator the engine runs stacks on.</summary>
        public string Orchestrator { get; internal set; } = "Swarm";

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
