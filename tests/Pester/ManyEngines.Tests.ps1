# Many engines in one call: the Get- and Test- cmdlets take several -Context names or -DockerHost values and
# ask the engines side by side; each object carries its own engine, an engine that fails is one error naming it,
# and piping the objects on acts on each one's own engine. Two real engines: the test engine and a private one.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $second = Start-PrivateDockerd -Folder (Join-Path $env:PSDOCKER_PESTER_TEMP 'second')
    $first = $env:DOCKER_HOST
    $nowhere = 'unix:///tmp/psdt-nowhere-engine.sock'
    $savedConfig = $env:DOCKER_CONFIG
    $env:DOCKER_CONFIG = (New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'cfg'))).FullName
    New-DockerContext one -DockerHost $first | Out-Null
    New-DockerContext two -DockerHost $second.Host | Out-Null
    $batch = New-TestName 'multi'
    & docker -H $first volume create --label psdocker.test=many "$batch-a" | Out-Null
    & docker -H $second.Host volume create --label psdocker.test=many "$batch-b" | Out-Null
}

AfterAll {
    $env:DOCKER_CONFIG = $savedConfig
    & docker -H $first volume rm -f "$batch-a" 2>$null | Out-Null
    Stop-PrivateDockerd $second
}

Describe 'Several engines in one call' {
    It 'Get-DockerVolume -Context one, two asks both; each volume carries the context it came from' {
        $volumes = Get-DockerVolume -Context one, two -Name "$batch-*"
        ($volumes | Sort-Object Name).Name | Should -Be "$batch-a", "$batch-b"
        ($volumes | Where-Object Name -eq "$batch-a").Context | Should -Be 'one'
        ($volumes | Where-Object Name -eq "$batch-b").Context | Should -Be 'two'
        ($volumes | Where-Object Name -eq "$batch-b").DockerHost | Should -Be $second.Host
    }

    It 'an engine that cannot be reached is one non-terminating error naming it; the others still answer' {
        $versions = Get-DockerVersion -DockerHost $first, $nowhere, $second.Host -ErrorAction SilentlyContinue -ErrorVariable failed
        @($versions).Count | Should -Be 2
        ($versions.DockerHost | Sort-Object) | Should -Be (@($first, $second.Host) | Sort-Object)
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DockerEngineUnreachable,*'
        $failed[0].TargetObject | Should -Be $nowhere
        $failed[0].Exception.Message | Should -BeLike "*$nowhere*"
    }

    It 'Test-DockerConnection -DockerHost gives one answer per engine' {
        $tests = Test-DockerConnection -DockerHost $first, $second.Host, $nowhere -Detailed -ErrorAction SilentlyContinue
        @($tests).Count | Should -Be 3
        ($tests | Where-Object DockerHost -eq $nowhere).Success | Should -BeFalse
        ($tests | Where-Object DockerHost -eq $second.Host).Success | Should -BeTrue
    }

    It 'piping the objects on acts on each one''s own engine; a verb that acts is never given several' {
        & docker -H $first volume create --label psdocker.test=many "$batch-c" | Out-Null
        & docker -H $second.Host volume create --label psdocker.test=many "$batch-c" | Out-Null
        { Remove-DockerVolume "$batch-c" -Context one, two -ErrorAction Stop } | Should -Throw -ErrorId 'SeveralEnginesNotSupported*'
        & docker -H $first volume ls -q --filter "name=$batch-c" | Should -Be "$batch-c"

        Get-DockerVolume -Context one, two -Name "$batch-c" | Remove-DockerVolume
        & docker -H $first volume ls -q --filter "name=$batch-c" | Should -BeNullOrEmpty
        & docker -H $second.Host volume ls -q --filter "name=$batch-c" | Should -BeNullOrEmpty
    }

    It 'asks side by side: a stopped engine named first does not hold back the answer of the one after it' {
        $PSDockerRequestTimeoutSec = 3
        & kill -STOP $second.Pid
        try {
            # One at a time, the stopped engine's timeout would come first; side by side the other answers first.
            $merged = @(Get-DockerVersion -DockerHost $second.Host, $first -ErrorAction Continue 2>&1)
        }
        finally { & kill -CONT $second.Pid }
        $merged.Count | Should -Be 2
        $merged[0].DockerHost | Should -Be $first
        $merged[1] | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $merged[1].FullyQualifiedErrorId | Should -BeLike 'DockerEngineTimeout,*'
        $merged[1].TargetObject | Should -Be $second.Host
    }

    It 'more engines than there are lane threads (16): each still answers once, in one call, and again in the next' {
        $missing = 1..20 | ForEach-Object { "unix:///tmp/psdt-nowhere-$_.sock" }
        foreach ($round in 1..2) {
            $versions = @(Get-DockerVersion -DockerHost (@($missing) + $first + $second.Host) -ErrorAction SilentlyContinue -ErrorVariable failed)
            ($versions.DockerHost | Sort-Object) | Should -Be (@($first, $second.Host) | Sort-Object)
            $failed.Count | Should -Be 20
            ($failed.TargetObject | Sort-Object) | Should -Be ($missing | Sort-Object)
        }
    }

    It 'Select-Object -First 1 ends the call quietly, and the next call asks both again' {
        $one = @(Get-DockerVolume -DockerHost $first, $second.Host -Name "$batch-*" -ErrorVariable failed | Select-Object -First 1)
        $one.Count | Should -Be 1
        $one[0].Name | Should -BeLike "$batch-*"
        $failed.Count | Should -Be 0
        (Get-DockerVolume -DockerHost $first, $second.Host -Name "$batch-*").Count | Should -Be 2
    }

    It 'Ctrl+C stops a call at once while one engine has not answered: no waiting for its request timeout' {
        & kill -STOP $second.Pid
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("`$PSDockerRequestTimeoutSec = 300; Get-DockerVersion -DockerHost '$first', '$($second.Host)'")
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $null = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            Wait-Until { $output.Count -ge 1 } 30 'the answering engine''s version'
            $output[0].DockerHost | Should -Be $first
            $ps.InvocationStateInfo.State | Should -Be 'Running' # still waiting for the stopped one
            $stopping = $ps.BeginStop($null, $null)
            $stopping.AsyncWaitHandle.WaitOne(20000) | Should -BeTrue -Because 'Stop ends the wait, not the 300 s timeout'
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally {
            & kill -CONT $second.Pid
            $ps.Dispose()
        }
        (Get-DockerVersion -DockerHost $first, $second.Host).Count | Should -Be 2
    }
}
