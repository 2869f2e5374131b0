using System;
using System.Collections.Concurrent;
using System.Management.Automation;

namespace PSDocker.Pipeline
{
    /// <summary>
    /// One engine of a fan-out on threads: which engine a fan-out thread works on, and its way back to the
    /// pipeline thread (what the cmdlet writes there is queued, in order, for the pipeline thread to write).
    /// </summary>
    internal sealed class EngineLane
    {
        private readonly BlockingCollection<Action> _writes;

        public EngineLane(DockerCmdlet owner, string parameter, string value, TimeSpan requestTimeout, BlockingCollection<Action> writes)
        {
            Owner = owner;
            Value = value;
            Context = parameter == "Context" ? value : null;
            DockerHost = parameter == "Context" ? null : value;
            RequestTimeout = requestTimeout;
            _writes = writes;
        }

        /// <summary>The cmdlet whose work this is (a lane is only its own cmdlet's).</summary>
        public DockerCmdlet Owner { get; }

        /// <summary>The engine as the user named it (a context or a host): the target of its error.</summary>
        public string Value { get; }

        public string? Context { get; }

        public string? DockerHost { get; }

        /// <summary>$PSDockerRequestTimeoutSec as the pipeline saw it when the fan-out began.</summary>
        public TimeSpan RequestTimeout { get; }

        /// <summary>Queues a write for the pipeline thread; the lane goes on.</summary>
        public void Post(Action write) => _writes.Add(write);

        /// <summary>A terminating error of one engine's work: it ends that lane, and is written as that engine's error.</summary>
        internal sealed class Ended : Exception
        {
            public Ended(ErrorRecord record)
                : base(record.Exception?.Message)
            {
                Record = record;
            }

            public ErrorRecord Record { get; }
        }
    }
}
