namespace PSDocker.Terminal
{
    /// <summary>The console of this process.</summary>
    internal static class Terminals
    {
        /// <summary>The console this process runs at: libc on Unix, the console API on Windows.</summary>
        public static ITerminal Current()
        {
            return System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)
                ? new WindowsTerminal()
                : (ITerminal)new UnixTerminal();
        }
    }
}
