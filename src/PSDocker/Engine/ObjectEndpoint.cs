namespace PSDocker.Engine
{
    /// <summary>Where a piped PSDocker object came from, so acting on it reaches that same engine.</summary>
    internal static class ObjectEndpoint
    {
        /// <summary>The object's engine; objects without one (made by hand) use the record's -DockerHost/-Context or the environment.</summary>
        public static DockerEndpoint EndpointOf(this DockerCmdlet cmdlet, Model.DockerObject item) =>
            string.IsNullOrEmpty(item.DockerHost) && string.IsNullOrEmpty(item.Context)
                ? cmdlet.ResolveEndpoint()
                : EndpointResolver.Resolve(item.Context != null ? null : item.DockerHost, item.Context);
    }
}
