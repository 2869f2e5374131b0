# Containers as a user drives them from a script: objects through Where-Object/Select-Object, splatting,
# -WhatIf, -ErrorAction Stop with try/catch, and the docker CLI's own view of the result.
# Listing, creating, running, the lifecycle verbs, Update-, Wait- and Remove-DockerContainer live here;
# logs, exec, processes and statistics in ContainerLogsExec.Tests.ps1; copy, export and changes in ContainerFiles.Tests.ps1.
# Pester runs each It with $ErrorActionPreference = 'Stop': tests that tell non-terminating errors from
# terminating ones set it back to 'Continue', as a script would run.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $label = @{ (Get-TestLabel) = 'containers' }

    function ConvertFrom-DockerTime([string] $Text) {
        # docker inspect gives nanoseconds; .NET parses at most 7 fractional digits.
        [DateTimeOffset]::Parse(($Text -replace '(\.\d{7})\d+', '$1'), [cultureinfo]::InvariantCulture).UtcDateTime
    }
}

AfterAll {
    Remove-TestObject
}

Describe 'Get-DockerContainer' {
    BeforeAll {
        $running = New-TestName 'run'
        $exited = New-TestName 'exit'
        Invoke-TestDocker run -d --label psdocker.test=containers --name $running $image sleep 300 | Out-Null
        Invoke-TestDockerUnchecked run --label psdocker.test=containers --name $exited $image sh -c 'exit 3' | Out-Null
    }

    It 'lists running containers as objects a script can filter' {
        $found = Get-DockerContainer | Where-Object Name -eq $running
        $found.State | Should -Be 'running'
        $found.Id | Should -Be (Invoke-TestDocker inspect -f '{{.Id}}' $running)
        Get-DockerContainer | Where-Object Name -eq $exited | Should -BeNullOrEmpty
    }

    It 'lists exited ones with -All, which Where-Object and Select-Object take as docker ps -a would show them' {
        $row = Get-DockerContainer -All | Where-Object State -eq exited | Where-Object Name -eq $exited | Select-Object Name, State, Status
        $row.Name | Should -Be $exited
        $row.Status | Should -BeLike 'Exited (3)*'
    }

    It 'finds by wildcard and by id prefix' {
        (Get-DockerContainer -Name ($running.Substring(0, 8) + '*')).Name | Should -Contain $running
        $id = Invoke-TestDocker inspect -f '{{.Id}}' $running
        (Get-DockerContainer -Id $id.Substring(0, 12)).Name | Should -Be $running
    }

    It 'gives -Inspect detail that matches docker inspect' {
        $detail = Get-DockerContainer -Name $running -Inspect
        $cli = Invoke-TestDocker inspect $running | ConvertFrom-Json
        $detail.Id | Should -Be $cli.Id
        $detail.Image | Should -Be $cli.Config.Image
    }

    It 'converts to JSON without error' {
        $json = Get-DockerContainer -Name $running | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.Name | Should -Be $running
    }

    It 'says ContainerNotFound for a name that does not exist, catchable with -ErrorAction Stop' {
        try {
            Get-DockerContainer -Name 'no-such-container-pester' -ErrorAction Stop
            throw 'no error'
        } catch {
            $_.FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
            $_.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $_.TargetObject | Should -Be 'no-such-container-pester'
        }
    }

    It 'records a non-terminating error in $Error and goes on' {
        $Error.Clear()
        $out = Get-DockerContainer -Name 'no-such-container-pester', $running -ErrorAction SilentlyContinue
        $out.Name | Should -Be $running
        $Error[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
    }

    It 'gives each container the columns of docker ps, as the engine reports them' {
        $row = Get-DockerContainer -Name $running
        $cli = Invoke-TestDocker inspect $running | ConvertFrom-Json -DateKind String
        $row.PSObject.TypeNames[0] | Should -Be 'PSDocker.Model.DockerContainer'
        $row.Image | Should -Be $image
        $row.ImageId | Should -BeLike 'sha256:*'
        $row.ImageId | Should -Be $cli.Image
        $row.Command | Should -Be 'sleep 300'
        [math]::Abs(($row.Created.ToUniversalTime() - (ConvertFrom-DockerTime $cli.Created)).TotalSeconds) | Should -BeLessThan 1
        $row.Labels['psdocker.test'] | Should -Be 'containers'
        $row.DockerHost | Should -Be $env:PSDOCKER_PESTER_HOST
    }

    It 'lists running ones by default and every one with -All, within a -Filter' {
        $pick = New-TestName 'pick'
        $up = Invoke-TestDocker run -d --label psdocker.test=containers --label "psdocker.pick=$pick" $image sleep 300
        $made = Invoke-TestDocker create --label psdocker.test=containers --label "psdocker.pick=$pick" $image true
        @(Get-DockerContainer -Filter @{ label = "psdocker.pick=$pick" }).Id | Should -Be $up
        (Get-DockerContainer -All -Filter @{ label = "psdocker.pick=$pick" }).Id | Sort-Object | Should -Be (@($up, $made) | Sort-Object)
    }

    It 'gives every container a wildcard matches, running or not, and nothing (no error) when it matches none' {
        $prefix = New-TestName 'sel'
        Invoke-TestDocker run -d --label psdocker.test=containers --name "$prefix-a" $image sleep 300 | Out-Null
        $b = Invoke-TestDocker create --label psdocker.test=containers --name "$prefix-b" $image
        (Get-DockerContainer -Name "$prefix-*").Name | Sort-Object | Should -Be "$prefix-a", "$prefix-b"
        (Get-DockerContainer -Id $b.Substring(0, 10)).Id | Should -Be $b

        $none = Get-DockerContainer -Name 'pester-none-*' -ErrorVariable failed
        $none | Should -BeNullOrEmpty
        $failed | Should -BeNullOrEmpty
    }

    It 'names the command in the ContainerNotFound error of a missing name, and still gives the found one' {
        $out = Get-DockerContainer -Name $running, 'pester-nope' -ErrorAction SilentlyContinue -ErrorVariable failed
        $out.Name | Should -Be $running
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ContainerNotFound,PSDocker.Commands.Containers.GetDockerContainerCommand'
        $failed[0].TargetObject | Should -Be 'pester-nope'
    }

    It 'takes names from the pipeline' {
        ($running | Get-DockerContainer).Id | Should -Be (Invoke-TestDocker inspect -f '{{.Id}}' $running)
    }

    It 'passes -Filter to the engine, as docker ps --filter does' {
        $pick = New-TestName 'filt'
        $done = Invoke-TestDocker create --label psdocker.test=containers --label "psdocker.pick=$pick" $image true
        Invoke-TestDocker start -a $done | Out-Null
        Invoke-TestDocker run -d --label psdocker.test=containers --label "psdocker.pick=$pick" $image sleep 300 | Out-Null
        $exitedOnes = Get-DockerContainer -Filter @{ status = 'exited'; label = "psdocker.pick=$pick" }
        @($exitedOnes).Count | Should -Be 1
        $exitedOnes.Id | Should -Be $done
        $exitedOnes.State | Should -Be 'exited'
    }

    It 'gives the newest container with -Last 1, and its size with -Size' {
        $newest = Invoke-TestDocker run -d --label psdocker.test=containers $image sleep 300
        $last = @(Get-DockerContainer -Last 1 -Size)
        $last.Count | Should -Be 1
        $last[0].Id | Should -Be $newest
        $last[0].SizeRootFs | Should -Not -BeNullOrEmpty
    }

    It 'refuses a filter key it does not take with a terminating InvalidFilter that targets the key and lists the keys' {
        $ErrorActionPreference = 'Continue'
        $caught = $null
        try { Get-DockerContainer -Filter @{ nonsense = 'x' }; $reached = $true } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'InvalidFilter,*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.TargetObject | Should -Be 'nonsense'
        $caught.Exception.Message | Should -Match 'ancestor, before, expose, exited, health, id, isolation, is-task, label, name, network, publish, since, status, volume'
    }

    It 'takes a filter key in any case, as the engine spells it' {
        $name = New-TestName 'case'
        Invoke-TestDocker create --label psdocker.test=containers --label "case=$name" --name $name $image | Out-Null
        (Get-DockerContainer -All -Filter @{ LABEL = "case=$name" }).Name | Should -Be $name
    }

    It 'gives with -Inspect the exit code, environment, command, mounts and restart policy docker inspect shows' {
        $name = New-TestName 'insp'
        Invoke-TestDockerUnchecked run --label psdocker.test=containers --name $name -e GREETING=hi -v /data --restart no $image sh -c 'exit 7' | Out-Null
        try {
            $detail = Get-DockerContainer $name -Inspect
            $cli = Invoke-TestDocker inspect $name | ConvertFrom-Json -DateKind String
            $detail.PSObject.TypeNames[0] | Should -Be 'PSDocker.Model.DockerContainerDetail'
            $detail.ExitCode | Should -Be 7
            $detail.State | Should -Be 'exited'
            $detail.Environment | Should -Contain 'GREETING=hi'
            $detail.Command | Should -Be 'sh', '-c', 'exit 7'
            @($detail.Mounts).Count | Should -Be 1
            $detail.Mounts[0].Destination | Should -Be '/data'
            $detail.RestartCount | Should -Be 0
            $detail.RestartPolicy | Should -Be 'no'
            $detail.FinishedAt | Should -Not -BeNullOrEmpty
            [math]::Abs(($detail.FinishedAt.ToUniversalTime() - (ConvertFrom-DockerTime $cli.State.FinishedAt)).TotalSeconds) | Should -BeLessThan 1
        } finally {
            Invoke-TestDockerUnchecked rm -f -v $name | Out-Null
        }
    }
}

Describe 'Invoke-DockerContainer' {
    It 'prints what the command prints and removes the container with -Remove' {
        $name = New-TestName
        $out = Invoke-DockerContainer $image echo hello -Remove -Name $name -Label $label
        $out | Should -Be 'hello'
        Invoke-TestDocker ps -a --filter "name=$name" -q | Should -BeNullOrEmpty
    }

    It 'sets $LASTEXITCODE from the container' {
        Invoke-DockerContainer $image sh -c 'exit 3' -Remove -Label $label
        $LASTEXITCODE | Should -Be 3
    }

    It 'takes splatted parameters' {
        $run = @{ Image = $image; Command = 'sh', '-c', 'echo $GREETING'; Environment = @{ GREETING = 'from-splat' }; Remove = $true; Label = $label }
        Invoke-DockerContainer @run | Should -Be 'from-splat'
    }

    It 'creates nothing with -WhatIf' {
        $name = New-TestName
        Invoke-DockerContainer $image echo hi -Name $name -Label $label -WhatIf
        Invoke-TestDocker ps -a --filter "name=$name" -q | Should -BeNullOrEmpty
    }

    It 'refuses a bad -Publish before anything is created' {
        $name = New-TestName
        { Invoke-DockerContainer $image -Publish 'not-a-port' -Name $name -Label $label -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidPublishSpec,*'
        Invoke-TestDocker ps -a --filter "name=$name" -q | Should -BeNullOrEmpty
    }

    It 'prints hello and leaves $LASTEXITCODE at 0' {
        Invoke-DockerContainer $image echo hello -Remove -Label $label | Should -Be 'hello'
        $LASTEXITCODE | Should -Be 0
    }

    It 'writes the container''s standard error to the error stream as ContainerStandardError, and goes on' {
        $ErrorActionPreference = 'Continue'
        $out = Invoke-DockerContainer $image sh -c 'echo out; echo err >&2; exit 3' -Remove -Label $label -ErrorVariable failed 2>$null
        $code = $LASTEXITCODE
        $out | Should -Be 'out'
        $code | Should -Be 3
        $failed.Count | Should -Be 1
        $failed[0].Exception.Message | Should -Be 'err'
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerStandardError,*'
    }

    It 'fails with ProgramExitedWithNonZeroCode under $PSNativeCommandUseErrorActionPreference, as a native command does' {
        $PSNativeCommandUseErrorActionPreference = $true
        { Invoke-DockerContainer $image sh -c 'exit 5' -Remove -Label $label } | Should -Throw -ErrorId 'ProgramExitedWithNonZeroCode*'
    }

    It 'passes each line on while the container is still running' {
        $name = New-TestName 'stream'
        # The container waits (at most 30 s) for /go, which the pipeline makes only once it has the first line.
        $script = 'echo first; i=0; while [ ! -e /go ] && [ $i -lt 300 ]; do i=$((i+1)); sleep 0.1; done; echo second'
        $seen = Invoke-DockerContainer $image sh -c $script -Name $name -Label $label -Remove | ForEach-Object {
            $state = Invoke-TestDockerUnchecked inspect -f '{{.State.Status}}' $name
            if ($_ -eq 'first') { Invoke-TestDocker exec $name touch /go | Out-Null }
            [pscustomobject]@{ Line = $_; State = "$state" }
        }
        $seen.Line | Should -Be 'first', 'second'
        $seen[0].State | Should -Be 'running'
    }

    It 'runs -Entrypoint in place of the image''s and takes -RawConfig for what has no parameter' {
        Invoke-DockerContainer $image -Entrypoint /bin/echo -Remove -Label $label -- from entrypoint | Should -Be 'from entrypoint'
        $raw = Invoke-DockerContainer $image -RawConfig @{ Env = @('RAW=yes'); HostConfig = @{ ReadonlyRootfs = $true } } -Remove -Label $label -- sh -c 'echo $RAW; touch /x 2>/dev/null || echo readonly'
        $raw | Should -Be 'yes', 'readonly'
    }

    It 'returns the running container at once with -Detach' {
        $name = New-TestName 'detach'
        $container = Invoke-DockerContainer $image sleep 300 -Detach -Name $name -Label $label
        @($container).Count | Should -Be 1
        $container.PSObject.TypeNames[0] | Should -Be 'PSDocker.Model.DockerContainer'
        $container.State | Should -Be 'running'
        $container.Id | Should -Be (Invoke-TestDocker inspect -f '{{.Id}}' $name)
    }

    It 'keeps a downstream command''s own error when it throws' {
        $ErrorActionPreference = 'Continue'
        $caught = $null
        try { Invoke-DockerContainer $image echo hi -Remove -Label $label | ForEach-Object { throw 'from downstream' } } catch { $caught = $_ }
        $caught.Exception.Message | Should -Be 'from downstream'
        $caught.FullyQualifiedErrorId | Should -Not -BeLike '*Docker*'
    }

    It 'gives short flags after the image to the command, not to its own parameters' {
        Invoke-DockerContainer $image ls -l /bin/sh -Remove | Should -BeLike 'lrwxrwxrwx*'
        (Invoke-DockerContainer $image df -h / -Remove)[0] | Should -BeLike 'Filesystem*'
    }

    It 'mounts a relative -Volume from the PowerShell location, not the process''s' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'vol'))
        Set-Content -Path (Join-Path $folder 'hello.txt') -Value 'from the host'
        Push-Location $folder
        try {
            [Environment]::CurrentDirectory | Should -Not -Be $folder.FullName
            Invoke-DockerContainer $image cat /data/hello.txt -Volume './:/data:ro' -Remove -Label $label | Should -Be 'from the host'
        } finally {
            Pop-Location
        }
    }

    Context 'an image that is not here yet' {
        BeforeAll {
            # An image with a layer of its own in the 127.0.0.1 test registry, removed here so a run must pull it.
            $remote = "$env:PSDOCKER_PESTER_REGISTRY/psdocker-test/pullme:$((New-TestName 'p').Substring(2))"
            $seed = New-TestName 'seed'
            Invoke-TestDocker run --label psdocker.test=containers --name $seed $image sh -c "echo $seed > /unique" | Out-Null
            Invoke-TestDocker commit $seed $remote | Out-Null
            Invoke-TestDocker push $remote | Out-Null
            Invoke-TestDocker rmi $remote | Out-Null
        }

        AfterAll {
            Invoke-TestDockerUnchecked rmi $remote | Out-Null
        }

        It 'is refused with -Pull never as a terminating ImageNotFound' {
            $ErrorActionPreference = 'Continue'
            $caught = $null
            try { Invoke-DockerContainer $remote echo hi -Pull never -Remove -Label $label } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
            $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            Invoke-TestDockerUnchecked image inspect $remote | Out-Null
            $LASTEXITCODE | Should -Not -Be 0
        }

        It 'is pulled, then run' {
            Invoke-DockerContainer $remote echo pulled -Remove -Label $label -ProgressAction SilentlyContinue | Should -Be 'pulled'
            Invoke-TestDocker image inspect -f '{{.Id}}' $remote | Should -BeLike 'sha256:*'
        }

        It 'is ImageNotFound when the registry does not have it either' {
            { Invoke-DockerContainer "$env:PSDOCKER_PESTER_REGISTRY/psdocker-test/does-not-exist:1" echo hi -Remove -Label $label -ProgressAction SilentlyContinue } |
                Should -Throw -ErrorId 'ImageNotFound,*'
        }
    }
}

Describe 'Container lifecycle through the pipeline' {
    BeforeAll {
        $name = New-TestName 'life'
        $created = New-DockerContainer $image sleep 300 -Name $name -Label $label
    }

    It 'New-DockerContainer returns the created container' {
        $created.Name | Should -Be $name
        $created.State | Should -Be 'created'
    }

    It 'Start-, Suspend-, Resume-, Restart- and Stop-DockerContainer change its state' {
        (Start-DockerContainer $name -PassThru).State | Should -Be 'running'
        (Suspend-DockerContainer $name -PassThru).State | Should -Be 'paused'
        (Resume-DockerContainer $name -PassThru).State | Should -Be 'running'
        (Restart-DockerContainer $name -Timeout 1 -PassThru).State | Should -Be 'running'
        (Get-DockerContainer -Name $name | Stop-DockerContainer -Timeout 1 -PassThru).State | Should -Be 'exited'
    }

    It 'Rename-DockerContainer and Update-DockerContainer apply' {
        $new = "$name-renamed"
        (Rename-DockerContainer $name -NewName $new -PassThru).Name | Should -Be $new
        Rename-DockerContainer $new -NewName $name
        Update-DockerContainer $name -Memory 64m -MemorySwap 128m
        Invoke-TestDocker inspect -f '{{.HostConfig.Memory}}' $name | Should -Be (64MB).ToString()
    }

    It 'Wait-DockerContainer returns the exit code' {
        $waiter = New-TestName 'wait'
        Invoke-TestDocker run -d --label psdocker.test=containers --name $waiter $image sh -c 'exit 5' | Out-Null
        (Wait-DockerContainer $waiter).ExitCode | Should -Be 5
    }

    It 'Remove-DockerContainer -WhatIf removes nothing; the pipeline removes exactly what was selected' {
        Get-DockerContainer -All | Where-Object Name -eq $name | Remove-DockerContainer -WhatIf
        Invoke-TestDocker ps -aq --filter "name=^$name$" | Should -Not -BeNullOrEmpty
        Get-DockerContainer -All | Where-Object Name -eq $name | Remove-DockerContainer
        Invoke-TestDocker ps -aq --filter "name=^$name$" | Should -BeNullOrEmpty
    }

    It 'acting on a name that does not exist is ContainerNotFound' -TestCases @(
        @{ Command = 'Start-DockerContainer' }, @{ Command = 'Stop-DockerContainer' }, @{ Command = 'Restart-DockerContainer' },
        @{ Command = 'Suspend-DockerContainer' }, @{ Command = 'Resume-DockerContainer' }, @{ Command = 'Remove-DockerContainer' },
        @{ Command = 'Wait-DockerContainer' }, @{ Command = 'Get-DockerContainerLog' }, @{ Command = 'Get-DockerContainerProcess' },
        @{ Command = 'Get-DockerContainerChange' }, @{ Command = 'Get-DockerContainerStatistic' }
    ) {
        param($Command)
        { & $Command -Name 'pester-no-such-container' -ErrorAction Stop } | Should -Throw -ErrorId "ContainerNotFound,*"
    }
}

Describe 'Stopping, killing and waiting' {
    It 'goes through rename, start, pause, resume, restart and SIGKILL, and stopping a stopped container is no error' {
        $name = New-TestName 'life'
        $renamed = "$name-renamed"
        Invoke-TestDocker create --label psdocker.test=containers --name $name $image sleep 300 | Out-Null
        (Rename-DockerContainer $name $renamed -PassThru).Name | Should -Be $renamed
        (Start-DockerContainer $renamed -PassThru).State | Should -Be 'running'
        Start-DockerContainer $renamed -ErrorVariable failed
        $failed | Should -BeNullOrEmpty
        (Suspend-DockerContainer $renamed -PassThru).State | Should -Be 'paused'
        (Resume-DockerContainer $renamed -PassThru).State | Should -Be 'running'
        (Restart-DockerContainer $renamed -Timeout 0 -PassThru).State | Should -Be 'running'
        Stop-DockerContainer $renamed -Signal SIGKILL
        (Wait-DockerContainer $renamed).ExitCode | Should -Be 137

        Stop-DockerContainer $renamed -ErrorVariable failedStop
        Stop-DockerContainer $renamed -Force -ErrorVariable failedKill
        $failedStop | Should -BeNullOrEmpty
        $failedKill | Should -BeNullOrEmpty
        Invoke-TestDocker inspect -f '{{.State.Status}}' $renamed | Should -Be 'exited'
    }

    It 'sends SIGTERM first and waits -Timeout for the container to end by itself' {
        $name = New-TestName 'term'
        Invoke-TestDocker run -d --label psdocker.test=containers --name $name $image sh -c "trap 'echo got-term; exit 0' TERM; echo ready; while :; do sleep 0.1; done" | Out-Null
        Wait-Until { (Invoke-TestDocker logs $name) -contains 'ready' } 20 'The trap being set'
        (Get-DockerContainer -Name $name | Stop-DockerContainer -Timeout 30 -PassThru).State | Should -Be 'exited'
        Invoke-TestDocker inspect -f '{{.State.ExitCode}}' $name | Should -Be '0'
        Invoke-TestDocker logs $name | Should -Contain 'got-term'
    }

    It 'kills a container that ignores SIGTERM once -Timeout has passed' {
        $id = Invoke-TestDocker run -d --label psdocker.test=containers $image sleep 300
        (Get-DockerContainer -Id $id | Stop-DockerContainer -Timeout 1 -PassThru).State | Should -Be 'exited'
        Invoke-TestDocker inspect -f '{{.State.ExitCode}}' $id | Should -Be '137'
    }

    It 'kills at once with -Timeout 0, and Wait -Timeout 0 still reports the exited container' {
        $id = Invoke-TestDocker run -d --label psdocker.test=containers $image sleep 300
        Stop-DockerContainer -Id $id -Timeout 0
        (Wait-DockerContainer -Id $id -Timeout 0).ExitCode | Should -Be 137
        (Restart-DockerContainer -Id $id -Timeout 0 -PassThru).State | Should -Be 'running'
    }

    It 'refuses to resume a container that is not paused with ContainerConflict' {
        $id = Invoke-TestDocker run -d --label psdocker.test=containers $image sleep 300
        Resume-DockerContainer -Id $id -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerConflict,*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'Wait-DockerContainer gives the exit code, and a non-terminating WaitTimeout when -Timeout passes first' {
        $ErrorActionPreference = 'Continue'
        $quick = Invoke-TestDocker run -d --label psdocker.test=containers $image sh -c 'sleep 0.3; exit 4'
        $slow = Invoke-TestDocker run -d --label psdocker.test=containers $image sleep 300
        (Wait-DockerContainer -Id $quick).ExitCode | Should -Be 4

        $reached = $false
        try { Wait-DockerContainer -Id $slow -Timeout 1 -ErrorAction SilentlyContinue -ErrorVariable failed; $reached = $true } catch { }
        $reached | Should -BeTrue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'WaitTimeout,*'
        $failed[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        Invoke-TestDocker inspect -f '{{.State.Status}}' $slow | Should -Be 'running'
    }
}

Describe 'New-DockerContainer' {
    It 'applies the friendly options as docker inspect shows them' {
        $name = New-TestName 'new'
        $volume = New-TestName 'vol'
        $udp = Get-FreePort
        $tcp = Get-FreePort
        $options = @{
            Image = $image; Command = 'sh', '-c', 'sleep 1'; Name = $name; Environment = @{ A = '1'; B = 'two' }; Label = $label
            Publish = "127.0.0.1:$($udp):80/udp", @{ $tcp = 90 }; Volume = '/anon', "$($volume):/named:ro"; WorkingDirectory = '/tmp'; User = '1000'
            Hostname = 'box'; RestartPolicy = 'on-failure:3'; Memory = '64m'; Cpus = 0.5; ReadOnly = $true; Init = $true; Entrypoint = ''
        }
        try {
            $created = New-DockerContainer @options
            $created.Name | Should -Be $name
            $created.State | Should -Be 'created'

            $cli = Invoke-TestDocker inspect $name | ConvertFrom-Json
            $cli.Config.Env | Should -Contain 'A=1'
            $cli.Config.Env | Should -Contain 'B=two'
            $cli.Config.Cmd | Should -Be 'sh', '-c', 'sleep 1'
            $cli.HostConfig.PortBindings.'80/udp'.HostIp | Should -Be '127.0.0.1'
            $cli.HostConfig.PortBindings.'80/udp'.HostPort | Should -Be "$udp"
            $cli.HostConfig.PortBindings.'90/tcp'.HostIp | Should -Be ''
            $cli.HostConfig.PortBindings.'90/tcp'.HostPort | Should -Be "$tcp"
            $cli.HostConfig.Binds | Should -Contain "$($volume):/named:ro"
            $cli.Config.Volumes.PSObject.Properties.Name | Should -Contain '/anon'
            $cli.Config.WorkingDir | Should -Be '/tmp'
            $cli.Config.User | Should -Be '1000'
            $cli.Config.Hostname | Should -Be 'box'
            $cli.HostConfig.RestartPolicy.Name | Should -Be 'on-failure'
            $cli.HostConfig.RestartPolicy.MaximumRetryCount | Should -Be 3
            $cli.HostConfig.Memory | Should -Be 64MB
            $cli.HostConfig.NanoCpus | Should -Be 500000000
            $cli.HostConfig.ReadonlyRootfs | Should -BeTrue
            $cli.HostConfig.Init | Should -BeTrue
            @($cli.Config.Entrypoint | Where-Object { $_ }) | Should -BeNullOrEmpty
        } finally {
            Invoke-TestDockerUnchecked rm -f -v $name | Out-Null
            Invoke-TestDockerUnchecked volume rm $volume | Out-Null
        }
    }

    It 'passes -Mount options on to the engine' {
        $name = New-TestName 'mount'
        New-DockerContainer $image -Name $name -Label $label -Mount 'type=tmpfs,target=/scratch,tmpfs-size=1m,tmpfs-mode=1770', @{ Type = 'bind'; Source = '/tmp'; Target = '/host-tmp'; ReadOnly = 'False' } | Out-Null
        $mounts = Invoke-TestDocker inspect -f '{{json .HostConfig.Mounts}}' $name | ConvertFrom-Json
        $tmpfs = $mounts | Where-Object Type -eq 'tmpfs'
        $tmpfs.Target | Should -Be '/scratch'
        $tmpfs.TmpfsOptions.SizeBytes | Should -Be 1MB
        $tmpfs.TmpfsOptions.Mode | Should -Be ([Convert]::ToInt32('1770', 8))
        $bind = $mounts | Where-Object Type -eq 'bind'
        $bind.Source | Should -Be '/tmp'
        $bind.Target | Should -Be '/host-tmp'
        $bind.ReadOnly | Should -Not -BeTrue
    }

    It 'refuses a name that is taken with a terminating ContainerAlreadyExists' {
        $name = New-TestName 'taken'
        Invoke-TestDocker run -d --label psdocker.test=containers --name $name $image sleep 300 | Out-Null
        $ErrorActionPreference = 'Continue'
        $caught = $null
        try { New-DockerContainer $image -Name $name -Label $label } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ContainerAlreadyExists,*'
        $caught.CategoryInfo.Category | Should -Be 'ResourceExists'
    }

    It 'creates piped rows one by one: a bad one is an error, the good one is still made' {
        $ErrorActionPreference = 'Continue'
        $good = New-TestName 'good'
        $rows = @([pscustomobject]@{ Image = $image; Name = 'bad name!' }, [pscustomobject]@{ Image = $image; Name = $good })
        $made = $rows | New-DockerContainer -Label $label -ErrorVariable failed 2>$null
        $failed.Count | Should -Be 1
        @($made).Count | Should -Be 1
        $made.Name | Should -Be $good
        Invoke-TestDocker inspect -f '{{.Name}}' $good | Should -Be "/$good"
    }

    It 'refuses <Options> before anything is made' -TestCases @(
        @{ Options = @{ Publish = '99999:80' }; Id = 'InvalidPublishSpec' }
        @{ Options = @{ Publish = '127.0.0.1:80:80/xyz' }; Id = 'InvalidPublishSpec' }
        @{ Options = @{ Publish = 'a:b:c:d' }; Id = 'InvalidPublishSpec' }
        @{ Options = @{ Volume = 'data:relative/path' }; Id = 'InvalidVolumeSpec' }
        @{ Options = @{ Volume = 'bad name!:/x' }; Id = 'InvalidVolumeSpec' }
        @{ Options = @{ Environment = '=x' }; Id = 'InvalidEnvironment' }
        @{ Options = @{ Memory = 'lots' }; Id = 'InvalidMemory' }
        @{ Options = @{ Cpus = -1 }; Id = 'InvalidCpus' }
        @{ Options = @{ RestartPolicy = 'sometimes' }; Id = 'InvalidRestartPolicy' }
        @{ Options = @{ Mount = 'type=bind,target=/x' }; Id = 'InvalidMountSpec' }
        @{ Options = @{ Mount = 'type=weird,target=/x' }; Id = 'InvalidMountSpec' }
        @{ Options = @{ Mount = 'type=tmpfs,target=/x,tmpfs-sise=1m' }; Id = 'InvalidMountSpec' }
        @{ Options = @{ Mount = 'type=bind,source=/tmp,target=/x,readonly=maybe' }; Id = 'InvalidMountSpec' }
    ) {
        param($Options, $Id)
        $ErrorActionPreference = 'Continue'
        $pick = New-TestName 'bad'
        foreach ($command in 'New-DockerContainer', 'Invoke-DockerContainer') {
            $caught = $null
            try { & $command -Image $image @Options -Label @{ 'psdocker.test' = 'containers'; 'psdocker.pick' = $pick } } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike "$Id,*" -Because $command
            $caught.CategoryInfo.Category | Should -Be 'InvalidArgument' -Because $command
            $caught.TargetObject | Should -Not -BeNullOrEmpty -Because $command
        }
        Invoke-TestDocker ps -aq --filter "label=psdocker.pick=$pick" | Should -BeNullOrEmpty
    }
}

Describe 'Update-DockerContainer' {
    It 'changes memory, CPUs and restart policy as -Inspect and docker inspect show' {
        $name = New-TestName 'upd'
        Invoke-TestDocker run -d --label psdocker.test=containers --name $name $image sleep 300 | Out-Null
        $updated = Update-DockerContainer $name -Memory 64m -MemorySwap 128m -Cpus 0.5 -RestartPolicy on-failure:3 -PassThru
        @($updated).Count | Should -Be 1
        $updated.GetType().FullName | Should -Be 'PSDocker.Model.DockerContainer'
        $updated.Name | Should -Be $name
        $detail = Get-DockerContainer $name -Inspect
        $detail.MemoryLimit | Should -Be 64MB
        $detail.Cpus | Should -Be 0.5
        $detail.RestartPolicy | Should -Be 'on-failure:3'
        Invoke-TestDocker inspect -f '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}' $name |
            Should -Be "$(64MB) $(128MB) 500000000 on-failure:3"
    }

    It 'changes nothing and passes nothing on with -WhatIf' {
        $name = New-TestName 'upd'
        Invoke-TestDocker run -d --label psdocker.test=containers --name $name $image sleep 300 | Out-Null
        Get-DockerContainer $name | Update-DockerContainer -RestartPolicy always -WhatIf -PassThru | Should -BeNullOrEmpty
        (Get-DockerContainer $name -Inspect).RestartPolicy | Should -Be 'no'
    }

    It 'refuses <Arguments> with a terminating <Id> before asking the engine' -TestCases @(
        @{ Arguments = @{ Memory = '12x' }; Id = 'InvalidMemory' }
        @{ Arguments = @{ Cpus = -1 }; Id = 'InvalidCpus' }
        @{ Arguments = @{ RestartPolicy = 'sometimes' }; Id = 'InvalidRestartPolicy' }
        @{ Arguments = @{}; Id = 'UpdateNothingGiven' }
    ) {
        param($Arguments, $Id)
        # The container does not exist: an error about the value means no request was made.
        $ErrorActionPreference = 'Continue'
        $caught = $null
        try { Update-DockerContainer 'pester-no-such' @Arguments } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'says ContainerNotFound for a container that does not exist' {
        Update-DockerContainer 'pester-no-such' -Cpus 1 -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
        $failed[0].TargetObject | Should -Be 'pester-no-such'
    }
}

Describe 'Remove-DockerContainer' {
    It 'removes nothing with -WhatIf, then exactly the containers the filter selected' {
        $pick = New-TestName 'rm'
        $one = Invoke-TestDocker create --label psdocker.test=containers --label "psdocker.pick=$pick" $image
        $two = Invoke-TestDocker create --label psdocker.test=containers --label "psdocker.pick=$pick" $image
        $decoy = Invoke-TestDocker create --label psdocker.test=containers --label 'psdocker.pick=other' $image
        Get-DockerContainer -All -Filter @{ label = "psdocker.pick=$pick" } | Remove-DockerContainer -WhatIf | Should -BeNullOrEmpty
        (Invoke-TestDocker ps -aq --no-trunc --filter "id=$one") | Should -Be $one
        (Invoke-TestDocker ps -aq --no-trunc --filter "id=$two") | Should -Be $two

        Get-DockerContainer -All -Filter @{ label = "psdocker.pick=$pick" } | Remove-DockerContainer
        Invoke-TestDocker ps -aq --filter "label=psdocker.pick=$pick" | Should -BeNullOrEmpty
        (Invoke-TestDocker ps -aq --no-trunc --filter "id=$decoy") | Should -Be $decoy
    }

    It 'goes on past a missing name in the pipeline with one non-terminating ContainerNotFound' {
        $ErrorActionPreference = 'Continue'
        $first = New-TestName 'p1'
        $last = New-TestName 'p3'
        Invoke-TestDocker create --label psdocker.test=containers --name $first $image | Out-Null
        Invoke-TestDocker create --label psdocker.test=containers --name $last $image | Out-Null
        $reached = $false
        try { $first, 'pester-no-such-container', $last | Remove-DockerContainer -ErrorAction SilentlyContinue -ErrorVariable failed; $reached = $true } catch { }
        $reached | Should -BeTrue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -Be 'ContainerNotFound,PSDocker.Commands.Containers.RemoveDockerContainerCommand'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be 'pester-no-such-container'
        Invoke-TestDocker ps -aq --filter "name=^$first$" | Should -BeNullOrEmpty
        Invoke-TestDocker ps -aq --filter "name=^$last$" | Should -BeNullOrEmpty
    }

    It 'needs -Force for a running container, and says so' {
        $name = New-TestName 'force'
        Invoke-TestDocker run -d --label psdocker.test=containers --name $name $image sleep 300 | Out-Null
        Remove-DockerContainer $name -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerIsRunning,*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failed[0].Exception.Message | Should -BeLike '*-Force*'
        Invoke-TestDocker ps -aq --filter "name=^$name$" | Should -Not -BeNullOrEmpty

        Remove-DockerContainer $name -Force
        Invoke-TestDocker ps -aq --filter "name=^$name$" | Should -BeNullOrEmpty
    }

    It 'removes many containers side by side (-ThrottleLimit), with each failure in input order and nothing else touched' {
        $ErrorActionPreference = 'Continue'
        $batch = New-TestName 'bulk'
        $names = 1..12 | ForEach-Object { "$batch-$_" }
        foreach ($n in $names) { Invoke-TestDocker run -d --label psdocker.test=containers --label "psdocker.bulk=$batch" --name $n $image sleep 300 | Out-Null }
        $decoy = New-TestName 'decoy'
        Invoke-TestDocker create --label psdocker.test=containers --name $decoy $image | Out-Null
        # Two names that do not exist, in the middle and at the end; one running container without -Force.
        $pipeline = @($names[0..5]) + 'pester-missing-1' + @($names[6..10]) + 'pester-missing-2'
        $pipeline | Remove-DockerContainer -Force -ThrottleLimit 4 -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 2
        $failed.TargetObject | Should -Be 'pester-missing-1', 'pester-missing-2'
        $failed | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*' }
        Invoke-TestDocker ps -a --format '{{.Names}}' --filter "label=psdocker.bulk=$batch" | Should -Be $names[11]
        Invoke-TestDocker ps -aq --filter "name=^$decoy$" | Should -Not -BeNullOrEmpty

        # Without -Force the running one is refused, as one ContainerIsRunning; -WhatIf removes nothing.
        $names[11] | Remove-DockerContainer -ThrottleLimit 4 -ErrorAction SilentlyContinue -ErrorVariable refused
        $refused.FullyQualifiedErrorId | Should -BeLike 'ContainerIsRunning,*'
        $names[11] | Remove-DockerContainer -Force -WhatIf
        Invoke-TestDocker ps -aq --filter "name=^$($names[11])$" | Should -Not -BeNullOrEmpty
        $names[11] | Remove-DockerContainer -Force -ThrottleLimit 1
        Invoke-TestDocker ps -aq --filter "label=psdocker.bulk=$batch" | Should -BeNullOrEmpty
    }
}

Describe 'Bulk verbs side by side (-ThrottleLimit)' {
    It 'Stop-, Start-, Suspend-, Resume- and Restart-DockerContainer act on many at once, -PassThru in input order, one error per missing name' {
        $ErrorActionPreference = 'Continue'
        $batch = New-TestName 'many'
        $names = 1..6 | ForEach-Object { "$batch-$_" }
        foreach ($n in $names) { Invoke-TestDocker run -d --label psdocker.test=containers --stop-timeout 1 --name $n $image sleep 300 | Out-Null }
        $withMissing = @($names[0..2]) + 'pester-missing-many' + @($names[3..5])

        $paused = $withMissing | Suspend-DockerContainer -PassThru -ThrottleLimit 3 -ErrorAction SilentlyContinue -ErrorVariable failed
        $paused.Name | Should -Be $names
        $failed.Count | Should -Be 1
        $failed[0].TargetObject | Should -Be 'pester-missing-many'
        $names | ForEach-Object { Invoke-TestDocker inspect -f '{{.State.Status}}' $_ } | Should -Be (@('paused') * 6)

        ($names | Resume-DockerContainer -PassThru -ThrottleLimit 3).Name | Should -Be $names
        ($names | Stop-DockerContainer -Timeout 0 -PassThru -ThrottleLimit 3).State | Should -Be (@('exited') * 6)
        ($names | Start-DockerContainer -PassThru -ThrottleLimit 3).State | Should -Be (@('running') * 6)
        $before = $names | ForEach-Object { Invoke-TestDocker inspect -f '{{.State.StartedAt}}' $_ }
        ($names | Restart-DockerContainer -Timeout 0 -PassThru -ThrottleLimit 3).Name | Should -Be $names
        $after = $names | ForEach-Object { Invoke-TestDocker inspect -f '{{.State.StartedAt}}' $_ }
        0..5 | ForEach-Object { $after[$_] | Should -Not -Be $before[$_] }

        # -WhatIf asks for each and does nothing.
        $names | Stop-DockerContainer -WhatIf -ThrottleLimit 3
        $names | ForEach-Object { Invoke-TestDocker inspect -f '{{.State.Status}}' $_ } | Should -Be (@('running') * 6)
        $names | Remove-DockerContainer -Force
    }
}
