namespace PSDocker.Pipeline
{
    /// <summary>
    /// A line a container's program wrote to standard error (Invoke-DockerContainer, Invoke-DockerContainerCommand):
    /// the error ContainerStandardError. An error record, not an output type, so it lives here rather than in Model. Its own type so that its view shows the line alone, in the error color, as
    /// pwsh shows a native command's standard error, at the console and with 2>file alike.
    /// </summary>
    public sealed class DockerStandardErrorRecord : System.Management.Automation.ErrorRecord
    {
        internal DockerStandardErrorRecord(string line, object? target)
            : base(new System.Management.Automation.RemoteException(line), "ContainerStandardError", System.Management.Automation.ErrorCategory.NotSpecified, target)
        {
        }
    }
}
