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
    /// Two-letter flags that abbreviate several of our parameters (ls -la: -Label and -LabelFile) have catchers
    /// too; a Pester test keeps that list complete as parameters are added. -i and -t are caught by each cmdlet:
    /// before the command they are -Interactive and -Tty for run and create, as docker spells them.
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

        /// <summary>Catches -bl in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("bl")]
        public SwitchParameter CommandFlagBl { get; set; }

        /// <summary>Catches -ca in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("ca")]
        public SwitchParameter CommandFlagCa { get; set; }

        /// <summary>Catches -cg in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("cg")]
        public SwitchParameter CommandFlagCg { get; set; }

        /// <summary>Catches -co in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("co")]
        public SwitchParameter CommandFlagCo { get; set; }

        /// <summary>Catches -cp in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("cp")]
        public SwitchParameter CommandFlagCp { get; set; }

        /// <summary>Catches -de in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("de")]
        public SwitchParameter CommandFlagDe { get; set; }

        /// <summary>Catches -dn in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("dn")]
        public SwitchParameter CommandFlagDn { get; set; }

        /// <summary>Catches -do in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("do")]
        public SwitchParameter CommandFlagDo { get; set; }

        /// <summary>Catches -en in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("en")]
        public SwitchParameter CommandFlagEn { get; set; }

        /// <summary>Catches -er in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("er")]
        public SwitchParameter CommandFlagEr { get; set; }

        /// <summary>Catches -he in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("he")]
        public SwitchParameter CommandFlagHe { get; set; }

        /// <summary>Catches -in in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("in")]
        public SwitchParameter CommandFlagIn { get; set; }

        /// <summary>Catches -la in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("la")]
        public SwitchParameter CommandFlagLa { get; set; }

        /// <summary>Catches -li in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("li")]
        public SwitchParameter CommandFlagLi { get; set; }

        /// <summary>Catches -lo in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("lo")]
        public SwitchParameter CommandFlagLo { get; set; }

        /// <summary>Catches -me in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("me")]
        public SwitchParameter CommandFlagMe { get; set; }

        /// <summary>Catches -ne in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("ne")]
        public SwitchParameter CommandFlagNe { get; set; }

        /// <summary>Catches -oo in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("oo")]
        public SwitchParameter CommandFlagOo { get; set; }

        /// <summary>Catches -ou in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("ou")]
        public SwitchParameter CommandFlagOu { get; set; }

        /// <summary>Catches -pi in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("pi")]
        public SwitchParameter CommandFlagPi { get; set; }

        /// <summary>Catches -pu in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("pu")]
        public SwitchParameter CommandFlagPu { get; set; }

        /// <summary>Catches -re in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("re")]
        public SwitchParameter CommandFlagRe { get; set; }

        /// <summary>Catches -st in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("st")]
        public SwitchParameter CommandFlagSt { get; set; }

        /// <summary>Catches -us in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("us")]
        public SwitchParameter CommandFlagUs { get; set; }

        /// <summary>Catches -vo in the command (a prefix several parameters share); it goes back where it was typed.</summary>
        [Parameter(DontShow = true)]
        [Alias("vo")]
        public SwitchParameter CommandFlagVo { get; set; }
    }
}
