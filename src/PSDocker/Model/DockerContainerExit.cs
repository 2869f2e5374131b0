namespace PSDocker.Model
{
    /// <summary>How a container ended (Wait-DockerContainer).</summary>
    public sealed class DockerContainerExit : DockerObject
    {
        /// <summary>The container, as named.</summary>
        public string Container { get; internal set; } = string.Empty;

        /// <summary>The id or name used with the engine.</summary>
        public string ContainerReference { get; internal set; } = string.Empty;

        /// <summary>The exit code of the container's main process.</summary>
        public long ExitCode { get; internal set; }

        /// <summary>The engine's error while waiting, if any.</summary>
        public string? Error { get; internal set; }
    }
}
