using System.Management.Automation;
using PSDocker.Pipeline;

namespace PSDocker.Commands.Containers
{
    /// <summary>
    /// The base of the cmdlets that run a container's command (Invoke-/New-DockerContainer, Invoke-DockerContainerCommand).
    /// A short flag in the command (ls -l, echo -n, sh -c, head -n 1) would otherwise fail as an ambiguous
    /// abbreviation of one of our parameters, or take one by prefix. Each letter has a hidden switch aliased by
    /// it, so the binder takes the flag exactly and Arguments/CommandLineRecovery puts it back where it was typed.
    /// Switches, so they never take the token after them: the command's order stays as typed. They must be
    /// properties: PowerShell settles an abbreviation against the static parameters before it asks for dynamic ones.
    /// </summary>
    public abstract class CommandRunnerCmdlet : DockerCmdlet
    {
        /// <summary>Catches -a in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("a")]
        public SwitchParameter CommandFlagA { get; set; }

        /// <summary>Catches -b in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("b")]
        public SwitchParameter CommandFlagB { get; set; }

        /// <summary>Catches -c in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("c")]
        public SwitchParameter CommandFlagC { get; set; }

        /// <summary>Catches -d in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("d")]
        public SwitchParameter CommandFlagD { get; set; }

        /// <summary>Catches -e in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("e")]
        public SwitchParameter CommandFlagE { get; set; }

        /// <summary>Catches -f in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("f")]
        public SwitchParameter CommandFlagF { get; set; }

        /// <summary>Catches -g in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("g")]
        public SwitchParameter CommandFlagG { get; set; }

        /// <summary>Catches -h in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("h")]
        public SwitchParameter CommandFlagH { get; set; }

        /// <summary>Catches -i in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("i")]
        public SwitchParameter CommandFlagI { get; set; }

        /// <summary>Catches -j in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("j")]
        public SwitchParameter CommandFlagJ { get; set; }

        /// <summary>Catches -k in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("k")]
        public SwitchParameter CommandFlagK { get; set; }

        /// <summary>Catches -l in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("l")]
        public SwitchParameter CommandFlagL { get; set; }

        /// <summary>Catches -m in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("m")]
        public SwitchParameter CommandFlagM { get; set; }

        /// <summary>Catches -n in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("n")]
        public SwitchParameter CommandFlagN { get; set; }

        /// <summary>Catches -o in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("o")]
        public SwitchParameter CommandFlagO { get; set; }

        /// <summary>Catches -p in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("p")]
        public SwitchParameter CommandFlagP { get; set; }

        /// <summary>Catches -q in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("q")]
        public SwitchParameter CommandFlagQ { get; set; }

        /// <summary>Catches -r in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("r")]
        public SwitchParameter CommandFlagR { get; set; }

        /// <summary>Catches -s in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("s")]
        public SwitchParameter CommandFlagS { get; set; }

        /// <summary>Catches -t in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("t")]
        public SwitchParameter CommandFlagT { get; set; }

        /// <summary>Catches -u in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("u")]
        public SwitchParameter CommandFlagU { get; set; }

        /// <summary>Catches -v in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("v")]
        public SwitchParameter CommandFlagV { get; set; }

        /// <summary>Catches -w in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("w")]
        public SwitchParameter CommandFlagW { get; set; }

        /// <summary>Catches -x in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("x")]
        public SwitchParameter CommandFlagX { get; set; }

        /// <summary>Catches -y in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("y")]
        public SwitchParameter CommandFlagY { get; set; }

        /// <summary>Catches -z in the command; it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("z")]
        public SwitchParameter CommandFlagZ { get; set; }
    }
}
