using System.Linq;
using System.Management.Automation;
using PSDocker.Arguments;
using PSDocker.Model;

namespace PSDocker.Commands.Containers
{
    /// <summary>
    /// The base of the cmdlets that run a process in an existing container (Invoke-DockerContainerCommand, docker
    /// exec; Enter-DockerContainer, docker exec -it and attach): the container typed or piped in, what is piped
    /// that is not a container, and the command line read once as docker reads it.
    /// </summary>
    public abstract class ExecCmdlet : CommandRunnerCmdlet
    {
        private bool _commandLineRead;

        /// <summary>
        /// <para type="description">The container: name or id, or a container object from the pipeline. It must be running.</para>
        /// </summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "Name")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completers.ContainerNameCompleter))]
        public string Container { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">Lines for the process's standard input (strings piped in). Container objects piped in select the container instead.</para>
        /// </summary>
        [Parameter(ValueFromPipeline = true)]
        public object? InputObject { get; set; }

        /// <summary>Catches -i in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("i")]
        public SwitchParameter CommandFlagI { get; set; }

        /// <summary>Catches -t in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("t")]
        public SwitchParameter CommandFlagT { get; set; }

        /// <summary>The command and its arguments: the subclass's -Command, whose parameter sets differ.</summary>
        internal abstract string[] CommandTokens { get; set; }

        /// <summary>What this record piped in, unwrapped.</summary>
        internal object? PipedItem => ArgumentValue.Unwrap(InputObject);

        /// <summary>The id of a container object piped in with this record, else null (a line of input, or nothing).</summary>
        internal string? PipedContainer => PipedItem is DockerContainer c ? c.Id : PipedItem is DockerContainerDetail d ? d.Id : null;

        /// <summary>
        /// Settles, once, what the command line meant (see <see cref="CommandLineRecovery"/>): the container typed or
        /// piped in, and the command with the tokens PowerShell's binder took from it given back. A command line
        /// that cannot be read (an unknown flag before the command) stops the pipeline.
        /// </summary>
        internal void ReadCommandLine(string? piped)
        {
            try
            {
                Read(piped);
            }
            catch (PSDocker.Connection.DockerPSException e)
            {
                ThrowDockerError(e);
            }
        }

        private void Read(string? piped)
        {
            if (!_commandLineRead)
            {
                _commandLineRead = true;
                var recovered = CommandLineRecovery.Recover(this, nameof(Container), "Command", piped != null || (MyInvocation.ExpectingInput && !MyInvocation.BoundParameters.ContainsKey(nameof(Container))));
                if (recovered is null)
                {
                    CommandTokens = CommandLine.Rejoin(CommandTokens, CommandLine.CaughtFlags(this)).ToArray();
                }
                else
                {
                    CommandLine.Unset(this, recovered.Stolen);
                    CommandTokens = recovered.Command.ToArray();
                    if (recovered.Leading != null)
                    {
                        Container = LanguagePrimitives.ConvertTo<string>(recovered.Leading) ?? Container;
                    }
                }
            }

            if (piped != null)
            {
                Container = piped;
            }
        }
    }
}
