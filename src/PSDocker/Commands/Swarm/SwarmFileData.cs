using System;
using System.IO;
using System.Management.Automation;
using System.Text.RegularExpressions;
using PSDocker.Arguments;
using PSDocker.Connection;
using PSDocker.Model;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Swarm
{
    /// <summary>What New-DockerSecret and New-DockerConfig share: the name rule and reading -Path.</summary>
    internal static class SwarmFileData
    {
        // swarmkit's rule for secret and config names: 1-64 characters, alphanumerics with - _ . inside.
        private static readonly Regex NameRule = new Regex("^[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?$", RegexOptions.CultureInvariant);

        /// <summary>The most a secret or a config may hold (swarmkit's limit, 500 KiB).</summary>
        public const int MaxBytes = 500 * 1024;

        public static void CheckName(string name, string kind)
        {
            if (name.Length > 64 || !NameRule.IsMatch(name))
            {
                throw new DockerPSException(
                    "'" + name + "' is not a valid " + kind + " name: use 1 to 64 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.",
                    kind == "secret" ? "InvalidSecretName" : "InvalidConfigName", ErrorCategory.InvalidArgument, name);
            }
        }

        public static byte[] Read(PSCmdlet cmdlet, string path, string kind)
        {
            var full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            if (!File.Exists(full))
            {
                throw new DockerPSException("The file '" + path + "' does not exist; -Path names the file whose bytes become the " + kind + ".", kind == "secret" ? "SecretFileNotFound" : "ConfigFileNotFound", ErrorCategory.ObjectNotFound, path);
            }

            try
            {
                var length = new FileInfo(full).Length;
                if (length > MaxBytes)
                {
                    throw new DockerPSException("The file '" + path + "' holds " + length + " bytes; a " + kind + " holds at most 500 KiB.", kind == "secret" ? "SecretTooLarge" : "ConfigTooLarge", ErrorCategory.LimitsExceeded, path);
                }

                return File.ReadAllBytes(full);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new DockerPSException("The file '" + path + "' could not be read: " + e.Message, kind == "secret" ? "SecretFileUnreadable" : "ConfigFileUnreadable", ErrorCategory.ReadError, path, e);
            }
        }
    }

    /// <summary>
    /// New- for swarm data (secrets, configs): -Name checked as swarmkit checks it, the data from -Value or -Path
    /// (at most 500 KiB), -Label; ShouldProcess, one create, the made object back. An existing name is
    /// &lt;Kind&gt;AlreadyExists: secrets and configs cannot be changed.
    /// </summary>
    public abstract class SwarmDataCmdlet<T> : DockerCmdlet where T : DockerObject
    {
        /// <summary>
        /// <para type="description">The name services give (-Secret, -Config) to reach it.</para>
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>
        /// <para type="description">A file whose bytes are the data.</para>
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = "ByPath")]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>
        /// <para type="description">Labels: a hashtable or KEY=value strings.</para>
        /// </summary>
        [Parameter]
        public object? Label { get; set; }

        /// <summary>"secret" or "config", for names, ids and messages.</summary>
        internal abstract string KindWord { get; }

        /// <summary>The data -Value gives (the ByValue set).</summary>
        internal abstract byte[] ValueBytes();

        /// <summary>Creates it on the engine and reads it back.</summary>
        internal abstract T Create(DockerSession session, DockerEndpoint endpoint, System.Collections.Generic.Dictionary<string, string> labels, byte[] data);

        /// <inheritdoc/>
        protected override void ProcessEngineRecord()
        {
            var kind = char.ToUpperInvariant(KindWord[0]) + KindWord.Substring(1);
            byte[] data;
            System.Collections.Generic.Dictionary<string, string> labels;
            try
            {
                SwarmFileData.CheckName(Name, KindWord);
                labels = ContainerOptions.Labels(Label);
                data = Path != null ? SwarmFileData.Read(this, Path, KindWord) : ValueBytes();
                if (data.Length > SwarmFileData.MaxBytes)
                {
                    throw new DockerPSException("The " + KindWord + "'s data is " + data.Length + " bytes; a " + KindWord + " holds at most 500 KiB.", kind + "TooLarge", ErrorCategory.LimitsExceeded, Name);
                }
            }
            catch (DockerPSException e)
            {
                FailRecord(e);
                return;
            }

            try
            {
                var session = GetSession(out var endpoint);
                if (ShouldProcess(Name, "Create " + KindWord))
                {
                    WriteObject(Create(session, endpoint, labels, data));
                }
            }
            catch (DockerPSException e) when (e.ErrorId == kind + "AlreadyExists" || e.ErrorId == kind + "Conflict")
            {
                FailRecord(new DockerPSException("A " + KindWord + " named '" + Name + "' exists already; " + KindWord + "s cannot be changed. Give the new data another name (and update services to it), or Remove-Docker" + kind + " the old one first.", kind + "AlreadyExists", ErrorCategory.ResourceExists, Name, e));
            }
            catch (DockerPSException e)
            {
                FailRecord(e);
            }
            finally
            {
                // A secret's bytes do not outlive the request.
                Array.Clear(data, 0, data.Length);
            }
        }
    }
}
