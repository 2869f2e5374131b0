# Interactive sessions at a real terminal: pwsh runs inside tmux (a real pty of a fixed size) on a private tmux
# socket; the tests type with send-keys and read the screen with capture-pane, bounded by Wait-Until. The same
# session is then run with the docker CLI beside ours. Without a terminal: piped stdin, and -Tty refused.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $script:Socket = "psd-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    $script:Repo = (Resolve-Path "$PSScriptRoot/../..").Path

    function Start-Terminal([string] $Session, [hashtable] $Environment = @{}) {
        # The same pwsh as this run, with PSDocker imported from out/ and the test engine as DOCKER_HOST.
        $self = [Environment]::GetCommandLineArgs()[0]
        $pwsh = if ($self -like '*.dll') { "dotnet '$self'" } else { "'$self'" }
        $init = "$($script:Repo)/out/PSDocker/PSDocker.psd1"
        $variables = (@{ DOCKER_HOST = $env:PSDOCKER_PESTER_HOST } + $Environment).GetEnumerator() | ForEach-Object { "$($_.Key)='$($_.Value)'" }
        & tmux -L $script:Socket -f /dev/null new-session -d -s $Session -x 120 -y 40 `
            "$($variables -join ' ') $pwsh -NoProfile -NoLogo -NoExit -Command `"Import-Module '$init'; Set-PSReadLineOption -PredictionSource None`""
        if ($LASTEXITCODE -ne 0) { throw "tmux new-session failed ($LASTEXITCODE)." }
        Wait-Screen $Session { $_ -match $PwshPrompt } 'the pwsh prompt'
    }

    function Send-Keys([string] $Session, [string] $Text, [switch] $Enter) {
        # -l: the text as it is (no key names); Enter separately.
        if ($Text) { & tmux -L $script:Socket send-keys -t $Session -l $Text }
        if ($Enter) { & tmux -L $script:Socket send-keys -t $Session Enter }
    }

    function Send-Key([string] $Session, [string[]] $Keys) { & tmux -L $script:Socket send-keys -t $Session @Keys }

    function Get-Screen([string] $Session) { (& tmux -L $script:Socket capture-pane -p -t $Session) -join "`n" }

    function Clear-Screen([string] $Session) {
        & tmux -L $script:Socket send-keys -t $Session C-l
        & tmux -L $script:Socket clear-history -t $Session
    }

    function Wait-Screen([string] $Session, [scriptblock] $Condition, [string] $What, [int] $Seconds = 30) {
        # The screen (trailing blank lines dropped) is $_ for the condition; the last screen is in the failure.
        $script:LastScreen = ''
        try {
            Wait-Until {
                $script:LastScreen = (Get-Screen $Session).TrimEnd()
                $Condition.InvokeWithContext($null, [psvariable]::new('_', $script:LastScreen)) -contains $true
            } $Seconds $What
        } catch {
            throw "$_ The screen:`n$script:LastScreen"
        }
    }

    function Stop-Pane([string] $Session) {
        # Kills the pane's process and everything under it at once (pwsh, and a docker CLI it runs), as a
        # terminal window closed hard would.
        $pids = [System.Collections.Generic.List[int]]::new()
        $pids.Add([int](& tmux -L $script:Socket display-message -p -t $Session '#{pane_pid}'))
        for ($i = 0; $i -lt $pids.Count -and $i -lt 50; $i++) {
            foreach ($child in @(& pgrep -P $pids[$i]) | Where-Object { $_ }) { $pids.Add([int]$child) }
        }
        & kill -KILL @pids 2>$null
    }

    function Test-Container([string] $Name) { [bool](Invoke-TestDockerUnchecked ps -aq --filter "name=^$Name$") }

    # A prompt waiting for input: the last thing on the screen (capture-pane drops trailing spaces).
    $PwshPrompt = '(?:^|\n)PS [^\n]*>$'
    $ShellPrompt = '(?:^|\n)/ #$'
    $script:Made = @()
    Start-Terminal main
}

AfterAll {
    & tmux -L $script:Socket kill-server 2>$null
    Remove-TestObject
    foreach ($name in $script:Made) { Invoke-TestDockerUnchecked rm -f $name | Out-Null }
}

Describe 'Invoke-DockerContainer -Interactive -Tty at a real terminal (docker run -it)' {
    BeforeAll {
        $run = New-TestName 'it'
        $script:Made += $run
        Clear-Screen main
        Send-Keys main "Invoke-DockerContainer $image -Interactive -Tty -Remove -Name $run sh" -Enter
    }

    It 'shows the container shell''s prompt, and typed commands run there' {
        Wait-Screen main { $_ -match $ShellPrompt } 'the container prompt'
        Send-Keys main 'echo typed-$((40+2)) $(hostname)' -Enter
        Wait-Screen main { $_ -match '(?m)^typed-42 [0-9a-f]{12}$' } 'the typed command''s output'
    }

    It 'gives the container the window''s size, and follows it when the window changes' {
        Send-Keys main 'stty size' -Enter
        Wait-Screen main { $_ -match '(?m)^40 120$' } 'stty size = 40 120'
        & tmux -L $script:Socket resize-window -t main -x 100 -y 30
        Clear-Screen main
        Send-Keys main 'sleep 1; stty size' -Enter
        Wait-Screen main { $_ -match '(?m)^30 100$' } 'stty size = 30 100 after the resize'
        & tmux -L $script:Socket resize-window -t main -x 120 -y 40
    }

    It 'passes Ctrl+C, arrows and Tab to the container' {
        Clear-Screen main
        Send-Keys main 'sleep 300' -Enter
        Start-Sleep -Milliseconds 500
        Send-Key main C-c
        Send-Keys main 'echo after-interrupt' -Enter
        Wait-Screen main { $_ -match '(?m)^after-interrupt$' } 'the shell back after Ctrl+C' -Seconds 10
        Send-Keys main 'echo arrow-up' -Enter
        Send-Key main Up
        Send-Key main Enter
        Wait-Screen main { ([regex]::Matches($_, '(?m)^arrow-up$')).Count -eq 2 } 'the line recalled with Up'
        Send-Keys main 'ech'
        Send-Key main Tab
        Send-Keys main ' completed-by-tab' -Enter
        Wait-Screen main { $_ -match '(?m)^completed-by-tab$' } 'echo completed by Tab'
    }

    It 'draws a full-screen program (vi) and takes its keys' {
        Clear-Screen main
        Send-Keys main 'vi /note' -Enter
        Wait-Screen main { ([regex]::Matches($_, '(?m)^~')).Count -ge 30 } 'vi''s empty-line markers'
        Send-Keys main 'iwritten-in-vi'
        Send-Key main Escape
        Start-Sleep -Milliseconds 600 # a lone ESC, not the start of an escape sequence, for vi
        Send-Keys main ':wq' -Enter
        Wait-Screen main { $_ -match $ShellPrompt } 'the prompt after vi'
        Send-Keys main 'cat /note' -Enter
        Wait-Screen main { $_ -match '(?m)^written-in-vi$' } 'the file vi wrote'
    }

    It 'sets $LASTEXITCODE to the container''s exit code, and -Remove leaves nothing' {
        Send-Keys main 'exit 3' -Enter
        Wait-Screen main { $_ -match $PwshPrompt } 'the pwsh prompt after exit'
        Clear-Screen main
        Send-Keys main '"code=$LASTEXITCODE"' -Enter
        Wait-Screen main { $_ -match '(?m)^code=3$' } '$LASTEXITCODE = 3'
        Wait-Until { -not (Test-Container $run) } 20 'the -Remove container gone'
    }
}

Describe 'Detach and come back' {
    BeforeAll {
        $kept = New-TestName 'detach'
        $script:Made += $kept
    }

    It 'the detach keys (Ctrl-P Ctrl-Q) return to pwsh and leave the container running' {
        Clear-Screen main
        Send-Keys main "Invoke-DockerContainer $image -Interactive -Tty -Name $kept sh" -Enter
        Wait-Screen main { $_ -match $ShellPrompt } 'the container prompt'
        Send-Keys main 'echo before-detach > /mark' -Enter
        Send-Key main C-p, C-q
        Wait-Screen main { $_ -match "Detached from $kept" -and $_ -match $PwshPrompt } 'the pwsh prompt after detaching'
        (Invoke-TestDocker inspect -f '{{.State.Running}}' $kept) | Should -Be 'true'
        Clear-Screen main
        Send-Keys main '"code=$LASTEXITCODE"' -Enter
        Wait-Screen main { $_ -match '(?m)^code=0$' } '$LASTEXITCODE = 0 after detaching'
    }

    It 'Enter-DockerContainer from the pipeline lands in the running container; exit returns with it still running' {
        Clear-Screen main
        Send-Keys main "Get-DockerContainer $kept | Enter-DockerContainer" -Enter
        Wait-Screen main { $_ -match $ShellPrompt } 'the exec shell prompt'
        Send-Keys main 'cat /mark; stty size' -Enter
        Wait-Screen main { $_ -match '(?m)^before-detach$' -and $_ -match '(?m)^40 120$' } 'the container''s file and the window size'
        Send-Keys main 'exit 4' -Enter
        Wait-Screen main { $_ -match $PwshPrompt } 'the pwsh prompt after exit'
        Clear-Screen main
        Send-Keys main '"code=$LASTEXITCODE"' -Enter
        Wait-Screen main { $_ -match '(?m)^code=4$' } '$LASTEXITCODE = 4'
        (Invoke-TestDocker inspect -f '{{.State.Running}}' $kept) | Should -Be 'true'
    }

    It 'Enter-DockerContainer -Attach returns to the main process; its exit stops the container' {
        Clear-Screen main
        Send-Keys main "Enter-DockerContainer $kept -Attach -DetachKeys ctrl-x" -Enter
        Start-Sleep -Milliseconds 500
        Send-Keys main 'echo attached-$((6*7))' -Enter
        Wait-Screen main { $_ -match '(?m)^attached-42$' } 'the main shell''s output'
        Send-Keys main 'exit 5' -Enter
        Wait-Screen main { $_ -match $PwshPrompt } 'the pwsh prompt after the container ended'
        Clear-Screen main
        Send-Keys main '"code=$LASTEXITCODE"' -Enter
        Wait-Screen main { $_ -match '(?m)^code=5$' } '$LASTEXITCODE = 5'
        (Invoke-TestDocker inspect -f '{{.State.Running}}' $kept) | Should -Be 'false'
    }
}

Describe 'The console comes back whole' {
    It 'a container killed from outside ends the session (-it -Entrypoint): $LASTEXITCODE 137, and pwsh''s line editing works again' {
        $victim = New-TestName 'victim'
        $script:Made += $victim
        Clear-Screen main
        Send-Keys main "Invoke-DockerContainer $image -it -Remove -Name $victim -Entrypoint sh" -Enter
        Wait-Screen main { $_ -match $ShellPrompt } 'the container prompt'
        Invoke-TestDocker kill $victim | Out-Null
        Wait-Screen main { $_ -match $PwshPrompt } 'the pwsh prompt after the kill'
        Clear-Screen main
        # Typed at pwsh's own prompt: echoed and edited by PSReadLine (a raw console left behind would garble it).
        Send-Keys main '"sane-$(2+2) code=$LASTEXITCODE"' -Enter
        Wait-Screen main { $_ -match '(?m)^sane-4 code=137$' } 'pwsh answering, with the exit code of the killed container'
        Wait-Until { -not (Test-Container $victim) } 20 'the -Remove container gone'
    }

    It 'the detach keys come from config.json''s detachKeys when -DetachKeys is not given' {
        $config = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'docker-config') -Force
        Set-Content (Join-Path $config 'config.json') '{ "detachKeys": "ctrl-x,x" }'
        $kept = New-TestName 'configkeys'
        $script:Made += $kept
        Start-Terminal configured -Environment @{ DOCKER_CONFIG = $config.FullName }
        Send-Keys configured "Invoke-DockerContainer $image -Interactive -Tty -Name $kept sh" -Enter
        Wait-Screen configured { $_ -match $ShellPrompt } 'the container prompt'
        Send-Key configured C-p, C-q # not the keys any more: they go to the shell
        Send-Keys configured 'echo still-inside' -Enter
        Wait-Screen configured { $_ -match '(?m)^still-inside$' } 'the shell still attached after Ctrl-P Ctrl-Q'
        Send-Key configured C-x
        Send-Keys configured 'x'
        Wait-Screen configured { $_ -match "Detached from $kept" -and $_ -match $PwshPrompt } 'the detach with config.json''s keys'
        (Invoke-TestDocker inspect -f '{{.State.Running}}' $kept) | Should -Be 'true'
        & tmux -L $script:Socket kill-session -t configured
    }
}

Describe 'The docker CLI beside ours, at the same terminal' {
    It 'docker run -it: the same prompt, window size and exit code' {
        $cli = New-TestName 'cli'
        $script:Made += $cli
        Clear-Screen main
        Send-Keys main "docker -H '$env:PSDOCKER_PESTER_HOST' run -it --rm --name $cli $image sh" -Enter
        Wait-Screen main { $_ -match $ShellPrompt } 'the container prompt (docker CLI)'
        Send-Keys main 'stty size' -Enter
        Wait-Screen main { $_ -match '(?m)^40 120$' } 'stty size = 40 120 (docker CLI)'
        Send-Keys main 'exit 3' -Enter
        Wait-Screen main { $_ -match $PwshPrompt } 'the pwsh prompt after exit (docker CLI)'
        Clear-Screen main
        Send-Keys main '"code=$LASTEXITCODE"' -Enter
        Wait-Screen main { $_ -match '(?m)^code=3$' } '$LASTEXITCODE = 3 (docker CLI)'
        Wait-Until { -not (Test-Container $cli) } 20 'the --rm container gone'
    }
}

Describe 'The terminal going away during an -Interactive -Remove run leaves nothing' {
    It 'closing the window (SIGHUP to pwsh) under -Interactive -Tty -Remove: the container is killed and the engine removes it' {
        $name = New-TestName 'hangup'
        $script:Made += $name
        Start-Terminal hangup
        Send-Keys hangup "Invoke-DockerContainer $image -Interactive -Tty -Remove -Name $name sh" -Enter
        Wait-Screen hangup { $_ -match $ShellPrompt } 'the container prompt'
        Test-Container $name | Should -BeTrue
        & tmux -L $script:Socket kill-session -t hangup
        Wait-Until { -not (Test-Container $name) } 30 'the container removed after the window closed'
    }

    It 'killing pwsh outright (SIGKILL) under -Interactive -Remove: stdin ends, the command ends, the engine removes it' {
        $name = New-TestName 'killed'
        $script:Made += $name
        Start-Terminal killed
        Send-Keys killed "Invoke-DockerContainer $image -Interactive -Remove -Name $name cat" -Enter
        Wait-Until { (Invoke-TestDockerUnchecked inspect -f '{{.State.Running}}' $name) -eq 'true' } 30 'the container running'
        Send-Keys killed 'line-for-cat' -Enter
        Wait-Screen killed { ([regex]::Matches($_, '(?m)^line-for-cat$')).Count -eq 2 } 'the line echoed and copied back by cat'
        Stop-Pane killed
        Wait-Until { -not (Test-Container $name) } 30 'the container removed after pwsh was killed'
    }
}

Describe 'Invoke-DockerContainer -Interactive without -Tty at a terminal (docker run -i)' {
    It 'a line typed while the container is still being made is echoed and arrives ending in LF' {
        # A new pwsh: its first run is slow enough that the line is typed before the input pump reads. While a
        # cmdlet runs, .NET keeps the terminal without echo or CR-to-NL, so without line mode from the start the
        # line came unechoed and ended by CR (and cat's copy never showed: output is split at LF).
        $name = New-TestName 'typeahead'
        $script:Made += $name
        Start-Terminal typeahead
        Send-Keys typeahead "Invoke-DockerContainer $image -Interactive -Remove -Name $name -- sh -c 'od -c'" -Enter
        Wait-Until { Test-Container $name } 30 'the container made'
        Send-Keys typeahead 'typed-early' -Enter
        Wait-Screen typeahead { $_ -match '(?m)^typed-early$' } 'the line echoed by the terminal'
        Send-Key typeahead C-d
        Wait-Screen typeahead { $_ -match '(?m)^0000000 +t +y +p +e +d +- +e +a +r +l +y +\\n$' -and $_ -match $PwshPrompt } 'od showing the line ended by LF, then the prompt'
        & tmux -L $script:Socket kill-session -t typeahead
        Wait-Until { -not (Test-Container $name) } 30 'the -Remove container gone'
    }
}

Describe '-Remove is the engine''s, without a terminal too' {
    It 'a plain run whose pwsh is killed is removed by the engine when it ends' {
        $name = New-TestName 'plainrm'
        $script:Made += $name
        $self = [Environment]::GetCommandLineArgs()[0]
        $command = "Invoke-DockerContainer $(Get-TestImage) -Remove -Name $name sleep 3"
        $process = if ($self -like '*.dll') { Start-Process dotnet -ArgumentList $self, '-NoProfile', '-NonInteractive', '-Command', $command -PassThru -RedirectStandardOutput (Join-Path $TestDrive 'plain.out') }
                   else { Start-Process $self -ArgumentList '-NoProfile', '-NonInteractive', '-Command', $command -PassThru -RedirectStandardOutput (Join-Path $TestDrive 'plain.out') }
        try {
            Wait-Until { (Invoke-TestDockerUnchecked inspect -f '{{.State.Running}}' $name) -eq 'true' } 30 'the container running'
            (Invoke-TestDocker inspect -f '{{.HostConfig.AutoRemove}}' $name) | Should -Be 'true'
        } finally {
            $process.Kill()
        }
        Wait-Until { -not (Test-Container $name) } 30 'the container removed by the engine after its end'
    }
}

Describe 'Without a terminal' {
    BeforeAll {
        $label = @{ (Get-TestLabel) = 'terminal' }
        function Invoke-Redirected([string] $Command) {
            # A new pwsh whose standard input is /dev/null and output a pipe: no terminal at all.
            $self = [Environment]::GetCommandLineArgs()[0]
            $pwsh = if ($self -like '*.dll') { "dotnet '$self'" } else { "'$self'" }
            $file = Join-Path $TestDrive "redirected-$([guid]::NewGuid().ToString('n')).ps1"
            Set-Content $file $Command
            & /bin/sh -c "$pwsh -NoProfile -NonInteractive -File '$file' </dev/null 2>&1" | ForEach-Object { "$_" }
        }
    }

    It '-Interactive -Tty stops with InputNotATerminal (the input device is not a TTY) before anything is created' {
        $said = Invoke-Redirected "Invoke-DockerContainer $image -Interactive -Tty -Label @{ 'psdocker.test' = 'terminal' } sh; `$Error[0].FullyQualifiedErrorId; `$Error[0].CategoryInfo.Category"
        ($said -join "`n") | Should -Match 'not a TTY'
        $said | Should -Contain 'InputNotATerminal,PSDocker.Commands.Containers.InvokeDockerContainerCommand'
        $said | Should -Contain 'InvalidOperation'
        Invoke-TestDocker ps -aq --filter 'label=psdocker.test=terminal' | Should -BeNullOrEmpty
    }

    It 'Enter-DockerContainer says InputNotATerminal too when there is neither a terminal nor piped input' {
        $target = New-TestName 'noterm'
        $script:Made += $target
        Invoke-TestDocker run -d --label psdocker.test=terminal --name $target $image sleep 300 | Out-Null
        $said = Invoke-Redirected "Enter-DockerContainer $target; `$Error[0].FullyQualifiedErrorId"
        $said | Should -Contain 'InputNotATerminal,PSDocker.Commands.Containers.EnterDockerContainerCommand'
        Invoke-TestDocker rm -f $target | Out-Null
    }

    It 'piped lines are the container''s stdin, closed at the end (Get-Content script | Invoke-DockerContainer -Interactive sh)' {
        $script = Join-Path $TestDrive 'script.sh'
        Set-Content $script 'echo piped-$((2+3))', 'read rest || echo stdin-ended', 'exit 7'
        $out = Get-Content $script | Invoke-DockerContainer $image -Interactive -Remove -Label $label sh
        $out | Should -Be 'piped-5', 'stdin-ended'
        $LASTEXITCODE | Should -Be 7
        'one', 'two' | Invoke-DockerContainer $image -Interactive -Remove -Label $label cat | Should -Be 'one', 'two'
    }

    It '''y'' | Enter-DockerContainer feeds the exec process' {
        $target = New-TestName 'pipe-exec'
        $script:Made += $target
        Invoke-TestDocker run -d --label psdocker.test=terminal --name $target $image sleep 300 | Out-Null
        'y' | Enter-DockerContainer $target sh -c 'read answer; echo "answer=$answer"; exit 2' | Should -Be 'answer=y'
        $LASTEXITCODE | Should -Be 2
        (Invoke-TestDocker inspect -f '{{.State.Running}}' $target) | Should -Be 'true'
        Invoke-TestDocker rm -f $target | Out-Null
    }

    It 'Enter-DockerContainer takes -User, -WorkingDirectory and -Environment as docker exec does' {
        $target = New-TestName 'exec-opts'
        $script:Made += $target
        Invoke-TestDocker run -d --label psdocker.test=terminal --name $target $image sleep 300 | Out-Null
        $ours = 'id -u', 'pwd', 'echo "$GREETING"' | Enter-DockerContainer $target -User 1234 -WorkingDirectory /bin -Environment @{ GREETING = 'hi there' } sh
        $ours | Should -Be '1234', '/bin', 'hi there'
        $cli = 'id -u', 'pwd', 'echo "$GREETING"' -join "`n" | & docker -H $env:PSDOCKER_PESTER_HOST exec -i -u 1234 -w /bin -e 'GREETING=hi there' $target sh
        $ours | Should -Be $cli
        Invoke-TestDocker rm -f $target | Out-Null
    }

    It 'a container that is not running is ContainerNotRunning; an unknown one is ContainerNotFound' {
        $stopped = New-TestName 'stopped'
        $script:Made += $stopped
        Invoke-TestDocker create --label psdocker.test=terminal --name $stopped $image true | Out-Null
        { 'x' | Enter-DockerContainer $stopped -ErrorAction Stop } | Should -Throw -ErrorId 'ContainerNotRunning,*'
        { 'x' | Enter-DockerContainer nosuch-container-here -ErrorAction Stop } | Should -Throw -ErrorId 'ContainerNotFound,*'
    }

    It 'bad -DetachKeys are InvalidDetachKeys, and nothing is created' {
        $err = { Invoke-DockerContainer $image -Interactive -DetachKeys 'ctrl-' -Label @{ 'psdocker.test' = 'detachkeys' } true -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidDetachKeys,*' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject | Should -Be 'ctrl-'
        $err.Exception.Message | Should -Match 'ctrl-p,ctrl-q'
        Invoke-TestDocker ps -aq --filter 'label=psdocker.test=detachkeys' | Should -BeNullOrEmpty
    }
}
