# Reading what runs in a container from a script: Get-DockerContainerLog lines as objects (Where-Object on
# Stream, -Tail, -Since, -Follow with Select-Object -First), Invoke-DockerContainerCommand with pipeline input
# and $LASTEXITCODE, Get-DockerContainerProcess rows with the ps columns, Get-DockerContainerStatistic samples;
# each checked against the docker CLI's own view where it has one.
# Pester runs each It with $ErrorActionPreference = 'Stop': tests that tell non-terminating errors from
# terminating ones set it back to 'Continue', as a script would run.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
}

AfterAll {
    Remove-TestObject
}

Describe 'Get-DockerContainerLog' {
    BeforeAll {
        $logged = Invoke-TestDocker create --label psdocker.test=logs $image sh -c 'echo one; sleep 0.1; echo two >&2; sleep 0.1; echo three'
        Invoke-TestDocker start -a $logged | Out-Null
    }

    It 'gives each line as an object with its stream, timestamp and container' {
        $lines = Get-DockerContainerLog -Id $logged
        @($lines).Count | Should -Be 3
        $lines | ForEach-Object { "$($_.Stream) $($_.Line)" } | Should -Be 'stdout one', 'stderr two', 'stdout three'
        $lines[0].PSObject.TypeNames[0] | Should -Be 'PSDocker.Model.DockerLogLine'
        $lines[0].ContainerId | Should -Be $logged

        # The same instant docker logs --timestamps prints (which has nanoseconds; .NET keeps 100 ns). The CLI
        # writes stderr apart from stdout, so the merged lines may come in either order: take the 'one' line.
        $cli = (Invoke-TestDocker logs --timestamps $logged | Where-Object { $_ -like '* one' } | Select-Object -First 1) -split ' ' | Select-Object -First 1
        $cliTime = [DateTimeOffset]::Parse(($cli -replace '(\.\d{7})\d+', '$1'), [cultureinfo]::InvariantCulture).UtcDateTime
        [math]::Abs(($lines[0].Timestamp.ToUniversalTime() - $cliTime).TotalMilliseconds) | Should -BeLessThan 1
    }

    It 'keeps to one stream with -Stream, and to the last lines with -Tail' {
        (Get-DockerContainerLog -Id $logged -Stream Stderr).Line | Should -Be 'two'
        (Get-DockerContainerLog -Id $logged -Tail 1 -Stream Stdout).Line | Should -Be 'three'
    }

    It 'takes -Since as a time or as a duration' {
        Get-DockerContainerLog -Id $logged -Since ([datetime]::Now.AddMinutes(5)) | Should -BeNullOrEmpty
        @(Get-DockerContainerLog -Id $logged -Since 10m).Count | Should -Be 3
    }

    It 'refuses a -Since it cannot read with InvalidTimeArgument' {
        $ErrorActionPreference = 'Continue'
        $caught = $null
        try { Get-DockerContainerLog -Id $logged -Since 'yesterday-ish' -ErrorAction SilentlyContinue -ErrorVariable failed } catch { $caught = $_ }
        $match = @($failed) + @($caught) | Where-Object { $_ -and $_.FullyQualifiedErrorId -like 'InvalidTimeArgument,*' } | Select-Object -First 1
        $match | Should -Not -BeNullOrEmpty
        $match.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'gives a tty container''s output as one stdout stream' {
        $id = Invoke-TestDocker create -t --label psdocker.test=logs $image sh -c 'echo tty-out; echo tty-err >&2'
        Invoke-TestDocker start -a $id | Out-Null
        $lines = Get-DockerContainerLog -Id $id
        $lines.Line | Should -Be 'tty-out', 'tty-err'
        $lines.Stream | Select-Object -Unique | Should -Be 'stdout'
    }

    It 'follows new lines with -Follow until Select-Object has enough' {
        $id = Invoke-TestDocker run -d --label psdocker.test=logs $image sh -c 'i=0; while [ $i -lt 3000 ]; do i=$((i+1)); echo beat $i; sleep 0.1; done'
        $beats = Get-DockerContainerLog -Id $id -Follow | Select-Object -First 5
        $beats.Line | Should -Be 'beat 1', 'beat 2', 'beat 3', 'beat 4', 'beat 5'
    }

    It 'ends -Follow cleanly when the container is removed' {
        $id = Invoke-TestDocker run -d --label psdocker.test=logs $image sh -c 'i=0; while [ $i -lt 3000 ]; do i=$((i+1)); echo alive; sleep 0.1; done'
        $job = Start-ThreadJob { Get-DockerContainerLog -Id $using:id -Follow }
        try {
            Wait-Until { @($job | Receive-Job -Keep).Count -gt 0 } 20 'A first line while following'
            Invoke-TestDocker rm -f $id | Out-Null
            $job | Wait-Job -Timeout 20 | Out-Null
            $job.State | Should -Be 'Completed'
            $lines = $job | Receive-Job -ErrorAction SilentlyContinue -ErrorVariable jobErrors
            $jobErrors | Should -BeNullOrEmpty
            $lines.Line | Select-Object -Unique | Should -Be 'alive'
        } finally {
            $job | Remove-Job -Force
        }
    }

    It 'says ContainerNotFound for a container that does not exist' {
        Get-DockerContainerLog 'pester-no-such-container' -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
        $failed[0].TargetObject | Should -Be 'pester-no-such-container'
    }
}

Describe 'Invoke-DockerContainerCommand' {
    BeforeAll {
        $box = Invoke-TestDocker run -d --label psdocker.test=exec $image sleep 300
    }

    It 'prints what the command prints' {
        Invoke-DockerContainerCommand $box hostname | Should -Be $box.Substring(0, 12)
    }

    It 'feeds pipeline input to the command''s standard input' {
        'alpha', 'beta' | Invoke-DockerContainerCommand $box sort -r | Should -Be 'beta', 'alpha'
        'b', 'a', 'b' | Invoke-DockerContainerCommand -Container $box sort -u | Should -Be 'a', 'b'
    }

    It 'feeds log lines piped in as standard input' {
        $logs = Invoke-TestDocker create --label psdocker.test=exec $image sh -c 'echo from-log-1; echo from-log-2'
        Invoke-TestDocker start -a $logs | Out-Null
        Get-DockerContainerLog -Id $logs | Invoke-DockerContainerCommand -Container $box sort -r | Should -Be 'from-log-2', 'from-log-1'
    }

    It 'sets $LASTEXITCODE and writes standard error to the error stream' {
        $ErrorActionPreference = 'Continue'
        $out = Invoke-DockerContainerCommand $box sh -c 'echo bad >&2; exit 4' -ErrorVariable failed 2>$null
        $LASTEXITCODE | Should -Be 4
        $out | Should -BeNullOrEmpty
        $failed.Count | Should -Be 1
        $failed[0].Exception.Message | Should -Be 'bad'
    }

    It 'runs as -User in -WorkingDirectory with -Environment' {
        Invoke-DockerContainerCommand $box -User 1234 -WorkingDirectory /bin -Environment @{ GREETING = 'hej' } sh -c 'echo $(id -u) $(pwd) $GREETING' |
            Should -Be '1234 /bin hej'
    }

    It 'gives short flags after the command to the command' {
        Invoke-DockerContainerCommand $box id -u | Should -Be '0'
    }

    It 'takes the container from the pipeline' {
        Get-DockerContainer -Id $box | Invoke-DockerContainerCommand -Command echo, piped | Should -Be 'piped'
    }

    It 'returns the exec id at once with -Detach and leaves the command running on its own' {
        $execId = Invoke-DockerContainerCommand -Container $box -Detach sh -c 'sleep 0.3; echo detached > /marker'
        $execId | Should -Match '^[0-9a-f]{64}$'
        Wait-Until { (Invoke-TestDockerUnchecked exec $box cat /marker) -eq 'detached' } 20 'The detached command writing /marker'
        Invoke-TestDocker exec $box cat /marker | Should -Be 'detached'
    }

    It 'says ContainerNotFound for a missing container and ContainerConflict for a stopped one' {
        $stopped = Invoke-TestDocker create --label psdocker.test=exec $image
        Invoke-DockerContainerCommand 'pester-no-such-container' true -ErrorAction SilentlyContinue -ErrorVariable missing
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'

        Invoke-DockerContainerCommand $stopped true -ErrorAction SilentlyContinue -ErrorVariable notRunning
        $notRunning.Count | Should -Be 1
        $notRunning[0].FullyQualifiedErrorId | Should -BeLike 'ContainerConflict,*'
        $notRunning[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
    }
}

Describe 'Get-DockerContainerProcess' {
    BeforeAll {
        $sleeper = New-TestName 'top'
        Invoke-TestDocker run -d --label psdocker.test=processes --name $sleeper $image sleep 1000 | Out-Null
    }

    It 'gives the ps -ef columns as properties' {
        $process = Get-DockerContainerProcess $sleeper | Where-Object CMD -like '*sleep 1000*'
        @($process).Count | Should -Be 1
        $process.PSObject.TypeNames[0] | Should -Be 'PSDocker.Model.DockerContainerProcess#ps-ef'
        $process.Container | Should -Be $sleeper
        $process.PID | Should -BeOfType [long]
        $process.PID | Should -BeGreaterThan 0
        $process.PID | Should -Be ([long](Invoke-TestDocker top $sleeper -o pid | Select-Object -Skip 1 | Select-Object -First 1).Trim())
        foreach ($column in 'UID', 'PPID', 'C', 'STIME', 'TTY', 'TIME') {
            $process.PSObject.Properties.Name | Should -Contain $column
        }
        $process.DockerHost | Should -Be $env:PSDOCKER_PESTER_HOST
    }

    It 'gives the columns -PsArguments asks for, from a container in the pipeline' {
        $custom = Get-DockerContainer -Name $sleeper | Get-DockerContainerProcess -PsArguments '-o pid,comm'
        $custom | Should -Not -BeNullOrEmpty
        $custom | ForEach-Object { $_.Titles -join ',' } | Select-Object -Unique | Should -Be 'PID,COMMAND'
        $custom.COMMAND | Should -Contain 'sleep'
        $custom[0].PSObject.TypeNames[0] | Should -Be 'PSDocker.Model.DockerContainerProcess'
    }

    It 'says ContainerNotRunning for a container that is not running' {
        $stopped = New-TestName 'top'
        Invoke-TestDocker create --label psdocker.test=processes --name $stopped $image | Out-Null
        Get-DockerContainerProcess $stopped -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotRunning,*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failed[0].TargetObject | Should -Be $stopped
    }
}

Describe 'Get-DockerContainerStatistic' {
    BeforeAll {
        $busy = New-TestName 'busy'
        $idle = New-TestName 'idle'
        Invoke-TestDocker run -d --label psdocker.test=stats --name $busy $image sh -c 'while :; do :; done' | Out-Null
        Invoke-TestDocker create --label psdocker.test=stats --name $idle $image | Out-Null
    }

    It 'shows CPU and memory of a busy container, and zeros for a stopped one as docker stats does' {
        $samples = Get-DockerContainerStatistic -Name $busy, $idle
        @($samples).Count | Should -Be 2
        $running = $samples[0]
        $running.GetType().FullName | Should -Be 'PSDocker.Model.DockerContainerStatistic'
        $running.Container | Should -Be $busy
        $running.Id | Should -Be (Invoke-TestDocker inspect -f '{{.Id}}' $busy)
        $running.CpuPercent | Should -BeGreaterThan 0
        $running.MemoryUsage | Should -BeGreaterThan 0
        $running.MemoryLimit | Should -BeGreaterOrEqual $running.MemoryUsage
        $running.Pids | Should -BeGreaterOrEqual 1
        $running.Read | Should -Not -BeNullOrEmpty
        $running.DockerHost | Should -Be $env:PSDOCKER_PESTER_HOST

        # The limit as docker stats prints it (MEM USAGE / LIMIT): the same number in the same units.
        Invoke-TestDocker stats --no-stream --format '{{.MemUsage}}' $busy | Should -BeLike "* / $([PSDocker.Formats.DockerFormat]::MemorySize($running.MemoryLimit))"

        $stopped = $samples[1]
        $stopped.Container | Should -Be $idle
        $stopped.CpuPercent | Should -Be 0.0
        $stopped.MemoryUsage | Should -Be 0
        $stopped.Pids | Should -Be 0
        $stopped.Read | Should -BeNullOrEmpty
    }

    It 'follows with -Stream until Select-Object has enough' {
        $samples = Get-DockerContainerStatistic -Name $busy -Stream | Select-Object -First 2
        @($samples).Count | Should -Be 2
        $samples[1].Container | Should -Be $busy
        $samples[1].CpuPercent | Should -BeGreaterThan 0
    }

    It 'takes containers from the pipeline' {
        (Get-DockerContainer -Name $idle | Get-DockerContainerStatistic).Container | Should -Be $idle
    }

    It 'formats sizes and percentages the way docker stats prints them' {
        [PSDocker.Formats.DockerFormat]::Percent(56.371) | Should -Be '56.37%'
        [PSDocker.Formats.DockerFormat]::MemorySize(536576) | Should -Be '524KiB'
        [PSDocker.Formats.DockerFormat]::MemorySize(25276026880) | Should -Be '23.54GiB'
        [PSDocker.Formats.DockerFormat]::TransferSize(0) | Should -Be '0B'
        [PSDocker.Formats.DockerFormat]::TransferSize(1234) | Should -Be '1.23kB'
        [PSDocker.Formats.DockerFormat]::TransferSize(45210000) | Should -Be '45.2MB'
    }

    It 'goes on past a missing container with a non-terminating ContainerNotFound' {
        $ErrorActionPreference = 'Continue'
        $reached = $false
        try { Get-DockerContainerStatistic -Name 'pester-no-such-container' -ErrorAction SilentlyContinue -ErrorVariable failed; $reached = $true } catch { }
        $reached | Should -BeTrue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be 'pester-no-such-container'
    }
}

Describe 'Reading a running container' {
    BeforeAll {
        $name = New-TestName 'read'
        Invoke-TestDocker run -d --label psdocker.test=logs --name $name $image sh -c 'echo out; echo err >&2; mkdir /made; sleep 300' | Out-Null
        Wait-Until { (Invoke-TestDockerUnchecked logs $name) -contains 'err' } 20 'The container writing its lines'
    }

    It 'Get-DockerContainerLog gives lines with their stream' {
        $lines = Get-DockerContainerLog $name
        ($lines | Where-Object Stream -eq 'stdout').Line | Should -Be 'out'
        ($lines | Where-Object Stream -eq 'stderr').Line | Should -Be 'err'
    }

    It 'Invoke-DockerContainerCommand runs a command in it' {
        Invoke-DockerContainerCommand $name cat /proc/1/cmdline | Should -Not -BeNullOrEmpty
        Invoke-DockerContainerCommand $name sh -c 'echo $((6*7))' | Should -Be '42'
    }

    It 'Get-DockerContainerProcess lists its processes' {
        (Get-DockerContainerProcess $name | ForEach-Object { $_.Values['CMD'] }) | Should -Contain 'sleep 300'
    }

    It 'Get-DockerContainerStatistic gives one sample' {
        $sample = Get-DockerContainerStatistic $name
        $sample.Container | Should -Be $name
        $sample.MemoryUsage | Should -BeGreaterThan 0
    }
}
