namespace PSDocker.Model
{
    /// <summary>The result of Connect-DockerRegistry: who is logged in where, and where the secret was stored.</summary>
    public sealed class DockerRegistryLogin : DockerObject
    {
        /// <summary>The registry key the credentials are filed under (Docker Hub: https://index.docker.io/v1/).</summary>
        public string Registry { get; internal set; } = string.Empty;

        /// <summary>The user name.</summary>
        public string UserName { get; internal set; } = string.Empty;

        /// <summary>Where the secret went: a credential helper (docker-credential-…) or the config.json file.</summary>
        public string StoredIn { get; internal set; } = string.Empty;
    }
}
