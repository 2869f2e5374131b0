namespace PSDocker.Model
{
    /// <summary>How a path in a container's file system differs from its image (docker diff's A, C and D).</summary>
    public enum DockerChangeKind
    {
        /// <summary>C: the path was changed.</summary>
        Changed = 0,

        /// <summary>A: the path was added.</summary>
        Added = 1,

        /// <summary>D: the path was deleted.</summary>
        Deleted = 2,
    }

    /// <summary>One changed path in a container's file system (<c>Get-DockerContainerChange</c>, docker diff).</summary>
    public sealed class DockerContainerChange : DockerObject
    {
        /// <summary>The container's name (or id, as named).</summary>
        public string Container { get; internal set; } = string.Empty;

        /// <summary>Added, Changed or Deleted.</summary>
        public DockerChangeKind Kind { get; internal set; }

        /// <summary>The path in the container.</summary>
        public string Path { get; internal set; } = string.Empty;

        /// <summary>docker diff's letter for <see cref="Kind"/>: A, C or D.</summary>
        public string Symbol => Kind == DockerChangeKind.Added ? "A" : Kind == DockerChangeKind.Deleted ? "D" : "C";

        /// <inheritdoc/>
        public override string ToString() => Symbol + " " + Path;
    }
}
