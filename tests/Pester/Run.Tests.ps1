# docker run / create / exec parity: how a command line is read, how the command's streams come back, how
# pipeline input binds. Each case is compared with what the docker CLI does on the same input.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $label = @{ (Get-TestLabel) = 'run' }
    $web = New-TestName 'exec'
    Invoke-TestDocker run -d --label psdocker.test=run --name $web $image sh -c 'echo first-line > /f; echo second-line >> /f; sleep 300' | Out-Null

    function Invoke-Cli {
        # docker run --rm with the same image and command, for comparison.
        Invoke-TestDocker run --rm --label psdocker.test=run $image @args
    }
}

AfterAll {
    Remove-TestObject
}

Describe 'The command line: tokens after the command starts are the command''s' {
    # -la and -Label in one command line would be one parameter given twice, which PowerShell refuses before the
    # cmdlet runs (the help says to use -- then); these runs remove themselves instead of being labelled.
    It 'ls -la /bin/sh lists /bin/sh, as docker run does (-la is not -Label)' {
        $ours = Invoke-DockerContainer $image ls -la /bin/sh -Remove
        $ours | Should -Be (Invoke-Cli ls -la /bin/sh)
        $ours | Should -Match '/bin/sh -> '
    }

    It 'cat -v reads the file (-v is not -Volume)' {
        $ours = Invoke-DockerContainer $image cat -v /etc/hostname -Remove -Label $label
        $ours | Should -Match '^[0-9a-f]{12}$'
    }

    It 'echo -n and head -n 1 keep their -n' {
        Invoke-DockerContainer $image echo -n hello -Remove -Label $label | Should -Be (Invoke-Cli echo -n hello)
        Invoke-DockerContainer $image head -n 1 /etc/hostname -Remove -Label $label | Should -Match '^[0-9a-f]{12}$'
    }

    It 'sh -c keeps its script, and the exit code lands in $LASTEXITCODE' {
        Invoke-DockerContainer $image sh -c 'echo working; exit 3' -Remove -Label $label | Should -Be 'working'
        $LASTEXITCODE | Should -Be 3
    }

    It 'keeps several flags verbatim and in order' {
        $ours = Invoke-DockerContainer $image sh -c 'for a in "$@"; do echo "[$a]"; done' x -n -la -abc --long=1 -Remove
        $ours | Should -Be (Invoke-Cli sh -c 'for a in "$@"; do echo "[$a]"; done' x -n -la -abc --long=1)
        $ours | Should -Be @('[-n]', '[-la]', '[-abc]', '[--long=1]')
    }

    It 'a full parameter name after the command is still ours: echo hello -Remove removes the container' {
        $name = New-TestName 'full'
        Invoke-DockerContainer $image echo hello -Remove -Name $name -Label $label | Should -Be 'hello'
        Invoke-TestDockerUnchecked inspect $name | Out-Null
        $LASTEXITCODE | Should -Not -Be 0 -Because 'the container was removed'
    }

    It 'after -- every token is the command''s, even a full parameter name' {
        Invoke-DockerContainer $image -Remove -Label $label -- echo -Remove -Label | Should -Be '-Remove -Label'
    }

    It 'reads a command split over lines with backticks' {
        $ours = Invoke-DockerContainer $image `
            ls -l /bin/sh `
            -Remove -Label $label
        $ours | Should -Match '/bin/sh -> '
    }

    It 'takes values from variables in the command' {
        $flag = '-n'; $word = 'from a variable'
        Invoke-DockerContainer $image echo $flag $word -Remove -Label $label | Should -Be 'from a variable'
    }

    It 'New-DockerContainer stores the command verbatim: ls -la /bin/sh' {
        $name = New-TestName 'create'
        $created = New-DockerContainer $image ls -la /bin/sh -Name $name
        try {
            (Invoke-TestDocker inspect -f '{{json .Config.Cmd}}' $created.Id | ConvertFrom-Json) | Should -Be @('ls', '-la', '/bin/sh')
            (Invoke-TestDocker inspect -f '{{.Name}}' $created.Id) | Should -Be "/$name"
        } finally {
            Invoke-TestDocker rm -f $name | Out-Null
        }
    }

    It 'Invoke-DockerContainerCommand web head -n 1 f runs in web, not in a container named 1' {
        Invoke-DockerContainerCommand $web head -n 1 /f | Should -Be (Invoke-TestDocker exec $web head -n 1 /f)
        Invoke-DockerContainerCommand $web head -n 1 /f | Should -Be 'first-line'
    }

    It 'exec: sort -u keeps its -u (not -User), with piped standard input' {
        'b', 'a', 'b' | Invoke-DockerContainerCommand $web sort -u | Should -Be @('a', 'b')
    }

    It 'exec: a full parameter name after the command is ours' {
        Invoke-DockerContainerCommand $web id -u -User 65534 | Should -Be '65534'
    }

    It 'splatting binds as PowerShell binds' {
        $splat = @{ Image = $image; Command = @('echo', '-n', 'splatted'); Remove = $true; Label = $label }
        Invoke-DockerContainer @splat | Should -Be 'splatted'
    }
}

Describe 'Flags before the command that are not ours' {
    BeforeAll {
        function Assert-UnknownParameter([scriptblock] $Call, [string] $Token, [string] $Hint) {
            $before = @(Invoke-TestDocker ps -aq).Count
            $err = $null
            try { & $Call } catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'UnknownParameter,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.TargetObject | Should -Be $Token
            "$err" | Should -BeLike "*'$Token'*--*"
            if ($Hint) { "$err" | Should -BeLike "*use $Hint.*" }
            @(Invoke-TestDocker ps -aq).Count | Should -Be $before -Because 'nothing is created'
        }
    }

    It 'refuses an unknown flag before the image with UnknownParameter naming it, and creates nothing' {
        Assert-UnknownParameter { Invoke-DockerContainer -CapAddX NET_ADMIN $image true -ErrorAction Stop } '-CapAddX'
        Assert-UnknownParameter { New-DockerContainer -Frob $image true -ErrorAction Stop } '-Frob'
    }

    It 'names the parameter a docker user meant: -e is -Environment, --rm is -Remove' {
        Assert-UnknownParameter { Invoke-DockerContainer -e A=1 $image true -ErrorAction Stop } '-e' '-Environment'
        Assert-UnknownParameter { Invoke-DockerContainer --rm $image true -ErrorAction Stop } '--rm' '-Remove'
        Assert-UnknownParameter { Invoke-DockerContainerCommand -u 0 $web true -ErrorAction Stop } '-u' '-User'
    }

    It 'refuses an unknown flag between the image and the command too (docker run does: unknown flag)' {
        { Invoke-DockerContainer $image -Frobnicate echo hi -ErrorAction Stop } | Should -Throw -ErrorId 'UnknownParameter,*'
        Invoke-TestDockerUnchecked run --rm --frobnicate $image echo hi | Out-Null
        $LASTEXITCODE | Should -Be 125 -Because 'the CLI refuses an unknown flag before the image too'
    }
}

Describe 'Standard error and exit codes, as for a native command' {
    It 'a stderr line does not stop a script with $ErrorActionPreference = Stop; the script goes on' {
        $out = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
`$lines = Invoke-DockerContainer $image sh -c 'echo out1; echo err1 >&2; echo out2; exit 4' -Remove 2>`$null
"lines=`$(`$lines -join ',') exit=`$LASTEXITCODE"
`$native = & docker -H `$env:DOCKER_HOST run --rm $image sh -c 'echo n1; echo e1 >&2' 2>`$null
"native=`$native"
'went on'
"@
        $out | Should -Contain 'lines=out1,out2 exit=4'
        $out | Should -Contain 'native=n1'
        $out | Should -Contain 'went on'
    }

    It 'stderr lines are capturable with 2>&1, 2>file and -ErrorVariable' {
        $merged = Invoke-DockerContainer $image sh -c 'echo out; echo err >&2' -Remove -Label $label 2>&1
        ($merged | Where-Object { $_ -is [string] }) | Should -Be 'out'
        $record = $merged | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }
        "$record" | Should -Be 'err'
        $record.FullyQualifiedErrorId | Should -BeLike 'ContainerStandardError,*'

        # 2>file holds the line alone, as for a native command (docker's own stderr, for comparison).
        $file = Join-Path $env:PSDOCKER_PESTER_TEMP "stderr-$([guid]::NewGuid().ToString('n')).txt"
        Invoke-DockerContainer $image sh -c 'echo to-file >&2' -Remove -Label $label 2>$file
        Get-Content $file | Should -Be 'to-file'
        $native = Join-Path $env:PSDOCKER_PESTER_TEMP "native-$([guid]::NewGuid().ToString('n')).txt"
        & docker -H $env:DOCKER_HOST run --rm $image sh -c 'echo to-file >&2' 2>$native
        Get-Content $file | Should -Be (Get-Content $native)

        Invoke-DockerContainer $image sh -c 'echo e1 >&2; echo e2 >&2' -Remove -Label $label -ErrorVariable collected 2>$null
        @($collected).Count | Should -Be 2
    }

    It 'exec stderr does not stop either' {
        $out = Invoke-FreshPwsh "`$ErrorActionPreference = 'Stop'; Invoke-DockerContainerCommand $web sh -c 'echo e >&2; echo o' 2>`$null; 'went on'"
        $out | Should -Be @('o', 'went on')
    }

    It 'a non-zero exit is an error only under $PSNativeCommandUseErrorActionPreference, then it stops under Stop' {
        $out = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Invoke-DockerContainer $image sh -c 'exit 5' -Remove
"plain: `$LASTEXITCODE"
`$PSNativeCommandUseErrorActionPreference = `$true
try { Invoke-DockerContainer $image sh -c 'exit 6' -Remove; 'not stopped' } catch { "stopped: `$(`$_.FullyQualifiedErrorId.Split(',')[0]) `$LASTEXITCODE" }
"@
        $out | Should -Be @('plain: 5', 'stopped: ProgramExitedWithNonZeroCode 6')
    }
}

Describe 'Pipeline input binds to what it is' {
    It 'an image piped into Invoke-DockerContainer is the image; its Name is not the container''s -Name' {
        $ours = Get-DockerImage $image | Invoke-DockerContainer -Remove -Label $label cat -v /etc/hostname
        $ours | Should -Match '^[0-9a-f]{12}$'
    }

    It 'an image piped into New-DockerContainer is the image, and the first positional is the command' {
        $created = Get-DockerImage $image | New-DockerContainer -Label $label echo -n piped
        (Invoke-TestDocker inspect -f '{{.Config.Image}}' $created.Id) | Should -Be $image
        (Invoke-TestDocker inspect -f '{{json .Config.Cmd}}' $created.Id | ConvertFrom-Json) | Should -Be @('echo', '-n', 'piped')
        $created.Name | Should -Not -Be $image
    }

    It 'rows with Image and Name properties still create named containers' {
        $name = New-TestName 'row'
        $created = [pscustomobject]@{ Image = $image; Name = $name } | New-DockerContainer -Label $label
        $created.Name | Should -Be $name
    }

    It 'a container piped into Invoke-DockerContainerCommand is the container; the first positional is the command' {
        Get-DockerContainer -Name $web | Invoke-DockerContainerCommand ls -d /etc | Should -Be '/etc'
        Get-DockerContainer -Name $web | Invoke-DockerContainerCommand head -n 1 /f | Should -Be 'first-line'
    }

    It 'a container piped into Copy-DockerContainerItem is the container, both ways' {
        $local = Join-Path $env:PSDOCKER_PESTER_TEMP "cp-$([guid]::NewGuid().ToString('n').Substring(0, 6)).txt"
        Set-Content $local 'piped-copy'
        Get-DockerContainer -Name $web | Copy-DockerContainerItem $local /piped.txt
        Invoke-TestDocker exec $web cat /piped.txt | Should -Be 'piped-copy'
        $back = "$local.back"
        Get-DockerContainer -Name $web | Copy-DockerContainerItem /piped.txt $back -FromContainer { $_.Id }
        Get-Content $back | Should -Be 'piped-copy'
    }

    It 'says ImageRequired or ContainerRequired when neither is given' {
        { New-DockerContainer -Label $label -ErrorAction Stop } | Should -Throw -ErrorId 'ImageRequired,*'
        { Invoke-DockerContainerCommand -ErrorAction Stop } | Should -Throw -ErrorId 'ContainerRequired,*'
        { Invoke-DockerContainerCommand $web -ErrorAction Stop } | Should -Throw -ErrorId 'CommandRequired,*'
    }
}

Describe 'Run like the CLI, end to end' {
    It '-Attach shows only the streams named, as docker run -a does' {
        $script = 'echo to-out; echo to-err >&2'
        $out = Invoke-DockerContainer $image -Attach stdout -Remove -Label $label sh -c $script 2>&1 | ForEach-Object { "$_" }
        $out | Should -Be (Invoke-TestDocker run --rm -a stdout --label psdocker.test=run $image sh -c $script)
        $out | Should -Be 'to-out'
        $err = Invoke-DockerContainer $image -Attach STDERR -Remove -Label $label sh -c $script 2>&1 | ForEach-Object { "$_" }
        $err | Should -Be (Invoke-TestDocker run --rm -a STDERR --label psdocker.test=run $image sh -c $script)
        $err | Should -Be 'to-err'
    }

    It '-Attach with -Detach is AttachConflictsWithDetach, as docker refuses -a with -d, and nothing is created' {
        $before = @(Invoke-TestDocker ps -aq).Count
        { Invoke-DockerContainer $image -Attach stdout -Detach -Label $label true -ErrorAction Stop } | Should -Throw -ErrorId 'AttachConflictsWithDetach,*'
        Invoke-TestDockerUnchecked run -d -a stdout $image true | Out-Null
        $LASTEXITCODE | Should -Not -Be 0
        @(Invoke-TestDocker ps -aq).Count | Should -Be $before
    }

    It 'keeps a catcher for every two-letter flag that abbreviates several parameters (ls -la stays the command''s)' {
        foreach ($command in 'Invoke-DockerContainer', 'New-DockerContainer', 'Invoke-DockerContainerCommand', 'Enter-DockerContainer') {
            $parameters = (Get-Command $command).Parameters.Values
            $catchers = @($parameters | Where-Object Name -like 'CommandFlag*' | ForEach-Object Aliases)
            $named = $parameters | Where-Object Name -notlike 'CommandFlag*' | ForEach-Object { foreach ($n in @($_.Name) + @($_.Aliases)) { [pscustomobject]@{ Parameter = $_.Name; Text = $n.ToLowerInvariant() } } }
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            foreach ($prefix in ($named.Text | Where-Object Length -ge 2 | ForEach-Object { $_.Substring(0, 2) } | Sort-Object -Unique)) {
                if ($named.Text -contains $prefix) { continue }
                $matching = @($named | Where-Object { $_.Text.StartsWith($prefix) } | ForEach-Object Parameter | Sort-Object -Unique)
                $own = @($matching | Where-Object { $_ -notin $common })
                if ($matching.Count -gt 1 -and $own.Count -ne 1) {
                    $catchers | Should -Contain $prefix -Because "-$prefix abbreviates $($matching -join ', ') of $command"
                }
            }
        }
    }

    It '-WhatIf shows the command, ports, mounts and environment names, and creates nothing' {
        $before = @(Invoke-TestDocker ps -aq).Count
        $said = Invoke-FreshPwsh "Invoke-DockerContainer $image ls -la / -Publish 127.0.0.1:8080:80 -Volume /srv:/data -Environment @{ TOKEN = 'secret-value'; MODE = 'x' } -WhatIf"
        $text = $said -join ' '
        $text | Should -BeLike "*What if:*container from $image*command 'ls -la /'*ports 127.0.0.1:8080->80/tcp*mounts /srv:/data*environment *"
        $text | Should -BeLike '*TOKEN*'
        $text | Should -BeLike '*MODE*'
        $text | Should -Not -BeLike '*secret-value*'
        @(Invoke-TestDocker ps -aq).Count | Should -Be $before
    }

    It 'a program that does not exist is ContainerCommandNotFound and exit code 127, as docker run' {
        $err = $null
        try { Invoke-DockerContainer $image no-such-program -Remove -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContainerCommandNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $LASTEXITCODE | Should -Be 127
        Invoke-TestDockerUnchecked run --rm $image no-such-program | Out-Null
        $LASTEXITCODE | Should -Be 127
    }

    It 'a file that cannot be run is ContainerCommandNotExecutable and exit code 126, as docker run' {
        $err = $null
        try { Invoke-DockerContainer $image /etc/hostname -Remove -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContainerCommandNotExecutable,*'
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $LASTEXITCODE | Should -Be 126
        Invoke-TestDockerUnchecked run --rm $image /etc/hostname | Out-Null
        $LASTEXITCODE | Should -Be 126
    }

    It 'a container that cannot be made is exit code 125, as docker run' {
        try { Invoke-DockerContainer "$($env:PSDOCKER_PESTER_REGISTRY)/psdocker-test/no-such-image:1" true -ErrorAction Stop } catch { }
        $LASTEXITCODE | Should -Be 125
        Invoke-TestDockerUnchecked run --rm "$($env:PSDOCKER_PESTER_REGISTRY)/psdocker-test/no-such-image:1" true | Out-Null
        $LASTEXITCODE | Should -Be 125
    }

    It 'a pull run does writes "Unable to find image ... locally" to the information stream' {
        $remote = "$($env:PSDOCKER_PESTER_REGISTRY)/psdocker-test/busybox:latest"
        Invoke-TestDockerUnchecked rmi $remote | Out-Null
        $all = Invoke-DockerContainer $remote echo pulled -Remove -Label $label 6>&1
        $info = $all | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }
        "$($info[0])" | Should -Be "Unable to find image '$remote' locally"
        $all | Where-Object { $_ -is [string] } | Should -Be 'pulled'
        Invoke-TestDockerUnchecked rmi $remote | Out-Null
        $cliText = Invoke-TestDockerUnchecked run --rm $remote true
        ($cliText | Select-Object -First 1) | Should -Be "Unable to find image '$remote' locally"
    }

    It 'Ctrl+C on an attached run sends SIGINT to the container (sig-proxy), and -SigProxy:$false does not' {
        $caught = New-TestName 'sigint'
        $ignored = New-TestName 'nosig'
        $script = "trap 'echo got-int; exit 7' INT; echo ready; while true; do sleep 1; done"
        foreach ($case in @(@{ Name = $caught; Extra = '' }, @{ Name = $ignored; Extra = '-SigProxy:$false' })) {
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Invoke-DockerContainer $image -Name $($case.Name) -Label @{ 'psdocker.test' = 'run' } $($case.Extra) sh -c `"$script`"")
            $handle = $ps.BeginInvoke()
            Wait-Until { (Invoke-TestDockerUnchecked logs $case.Name) -contains 'ready' } 30 "The container $($case.Name) starting"
            $ps.Stop()
            $ps.Dispose()
        }
        Wait-Until { (Invoke-TestDocker inspect -f '{{.State.Status}}' $caught) -eq 'exited' } 30 'The container ending on SIGINT'
        Invoke-TestDocker inspect -f '{{.State.ExitCode}}' $caught | Should -Be '7'
        Invoke-TestDocker logs $caught | Should -Contain 'got-int'
        Invoke-TestDocker inspect -f '{{.State.Status}}' $ignored | Should -Be 'running'
    }

    It 'completes -StopSignal, -Signal, -LogDriver and -ToContainer' {
        $complete = { param($line) (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText }
        & $complete 'New-DockerContainer busybox -StopSignal SIGK' | Should -Contain 'SIGKILL'
        & $complete 'Stop-DockerContainer web -Signal SIGH' | Should -Contain 'SIGHUP'
        & $complete 'New-DockerContainer busybox -LogDriver json' | Should -Contain 'json-file'
        & $complete "Copy-DockerContainerItem ./f /tmp -ToContainer $($web.Substring(0, 6))" | Should -Contain $web
        & $complete "Copy-DockerContainerItem /f ./f -FromContainer $($web.Substring(0, 6))" | Should -Contain $web
    }
}
