using PSDocker.Connection;

namespace PSDocker.Pipeline
{
    /// <summary>One engine object a cmdlet acts on: where it lives, how to name it to the API, how to name it to the user.</summary>
    internal sealed class DockerTarget
    {
        public DockerTarget(DockerEndpoint endpoint, string reference, string display, object userTarget, string? name = null)
        {
            Endpoint = endpoint;
            Reference = reference;
            Display = display;
            UserTarget = userTarget;
            Name = string.IsNullOrEmpty(name) ? reference : name!;
        }

        public DockerEndpoint Endpoint { get; }

        /// <summary>Id or name as the API takes it.</summary>
        public string Reference { get; }

        /// <summary>For ShouldProcess and messages.</summary>
        public string Display { get; }

        /// <summary>What the user named (the ErrorRecord's TargetObject).</summary>
        public object UserTarget { get; }

        /// <summary>The object's name when known, else the id or name the user gave: for the properties of output objects.</summary>
        public string Name { get; }
    }
}
