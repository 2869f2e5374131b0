# The bad-input sweep (issue 13, item 9): every cmdlet given input it cannot use, as data. Each case asserts the
# ErrorId (never a .NET type name), the category, the target (what the user named), a message that says what to
# do, and that nothing new was left behind. PowerShell's own binder errors (ValidateSet, ValidateRange, a value
# that does not convert) are PowerShell's and not counted here.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $label = Get-TestLabel
    $tmp = (New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'sweep')) -Force).FullName
    Set-Content (Join-Path $tmp 'Dockerfile') "FROM $image"
    $box, $running = (New-TestName 'sweep-box'), (New-TestName 'sweep-run')
    $vol, $usedVol, $net = (New-TestName 'sweep-vol'), (New-TestName 'sweep-used'), (New-TestName 'sweep-net')
    Invoke-TestDocker create --label "$label=sweep" --name $box $image true | Out-Null
    Invoke-TestDocker volume create --label "$label=sweep" $vol | Out-Null
    Invoke-TestDocker volume create --label "$label=sweep" $usedVol | Out-Null
    Invoke-TestDocker run -d --label "$label=sweep" --name $running -v "${usedVol}:/data" $image sleep 600 | Out-Null
    Invoke-TestDocker network create --label "$label=sweep" --subnet 10.241.0.0/24 $net | Out-Null
    # An image of its own with one tag, used by a container: removing that tag is ImageInUse. (The test image has
    # several tags, so removing one of them would only untag it.)
    $ownImage = "$(New-TestName 'sweep-image'):1"
    Invoke-TestDocker commit $box $ownImage | Out-Null
    Invoke-TestDocker create --label "$label=sweep" $ownImage true | Out-Null
    $imageId = Invoke-TestDocker image inspect -f '{{.Id}}' $image

    # What the cases must not change: every container, volume, network and image of the engine.
    function Get-Inventory {
        '{0} | {1} | {2} | {3}' -f (((Get-DockerContainer -All).Id | Sort-Object) -join ','), (((Get-DockerVolume).Name | Sort-Object) -join ','), (((Get-DockerNetwork).Id | Sort-Object) -join ','), (((Get-DockerImage -All).Id | Sort-Object -Unique) -join ',')
    }
    $cliBefore = @('ps -aq', 'volume ls -q', 'network ls -q', 'images -aq') | ForEach-Object { ((Invoke-TestDocker ($_ -split ' ')) | Sort-Object -Unique) -join ',' }
    # Says what to do: a verb of advice, an example, a cmdlet to use, or a parameter to give.
    $guidance = '(?i)\b(use|give|set it|remove|create|choose|pipe|check|escape|name one|name it|tag it|stop it|start|ask for|install|leave (it )?out|drop|pick|such as|for example|e\.g\.|one of|\w+-Docker\w+|-Force|first|instead|run it|write|goes after|wait longer|add)\b'
}

AfterAll {
    Remove-Item $tmp -Recurse -Force -ErrorAction Ignore
    Remove-TestObject
    Invoke-TestDockerUnchecked rmi $ownImage | Out-Null
}

Describe 'Bad input to every cmdlet is a typed error that changes nothing' {
    It '<Case>: <Id> (<Category>)' -TestCases @(
        @{ Case = 'run: unknown flag -CapAdd2'; Id = 'UnknownParameter'; Category = 'InvalidArgument'; Target = '-CapAdd2'; Script = { Invoke-DockerContainer -CapAdd2 NET_ADMIN $image true } }
        @{ Case = 'run: no image'; Id = 'ImageRequired'; Category = 'InvalidArgument'; Target = ''; Script = { Invoke-DockerContainer -Remove } }
        @{ Case = 'run: image a::b'; Id = 'InvalidImageReference'; Category = 'InvalidArgument'; Target = 'a::b'; Script = { Invoke-DockerContainer 'a::b' true } }
        @{ Case = 'run: image UPPER'; Id = 'InvalidImageReference'; Category = 'InvalidArgument'; Target = 'UPPER/x'; Script = { Invoke-DockerContainer 'UPPER/x' true } }
        @{ Case = 'run: bad name'; Id = 'InvalidContainerName'; Category = 'InvalidArgument'; Target = 'bad name!'; Script = { Invoke-DockerContainer $image -Name 'bad name!' true } }
        @{ Case = 'run: bad -Publish port'; Id = 'InvalidPublishSpec'; Category = 'InvalidArgument'; Target = '99999:80'; Script = { Invoke-DockerContainer $image -Publish '99999:80' true } }
        @{ Case = 'run: bad -Publish proto'; Id = 'InvalidPublishSpec'; Category = 'InvalidArgument'; Target = '80/xyz'; Script = { Invoke-DockerContainer $image -Publish '80/xyz' true } }
        @{ Case = 'run: bad -Publish text'; Id = 'InvalidPublishSpec'; Category = 'InvalidArgument'; Target = 'abc'; Script = { Invoke-DockerContainer $image -Publish 'abc' true } }
        @{ Case = 'run: bad -Memory'; Id = 'InvalidMemory'; Category = 'InvalidArgument'; Target = 'lots'; Script = { Invoke-DockerContainer $image -Memory 'lots' true } }
        @{ Case = 'run: huge -Memory'; Id = 'InvalidMemory'; Category = 'InvalidArgument'; Target = '99999999999999999999g'; Script = { Invoke-DockerContainer $image -Memory '99999999999999999999g' true } }
        @{ Case = 'run: neg -Cpus'; Id = 'InvalidCpus'; Category = 'InvalidArgument'; Target = '-1'; Script = { Invoke-DockerContainer $image -Cpus -1 true } }
        @{ Case = 'run: -Cpus 1e9'; Id = 'InvalidCpus'; Category = 'InvalidArgument'; Target = '1000000000'; Script = { Invoke-DockerContainer $image -Cpus 1e9 true } }
        @{ Case = 'run: bad -RestartPolicy'; Id = 'InvalidRestartPolicy'; Category = 'InvalidArgument'; Target = 'sometimes'; Script = { Invoke-DockerContainer $image -RestartPolicy sometimes true } }
        @{ Case = 'run: bad -RestartPolicy count'; Id = 'InvalidRestartPolicy'; Category = 'InvalidArgument'; Target = 'on-failure:x'; Script = { Invoke-DockerContainer $image -RestartPolicy 'on-failure:x' true } }
        @{ Case = 'run: bad -Volume'; Id = 'InvalidVolumeSpec'; Category = 'InvalidArgument'; Target = 'a:b:c:d'; Script = { Invoke-DockerContainer $image -Volume 'a:b:c:d' true } }
        @{ Case = 'run: relative -Volume target'; Id = 'InvalidVolumeSpec'; Category = 'InvalidArgument'; Target = '/tmp:relative'; Script = { Invoke-DockerContainer $image -Volume '/tmp:relative' true } }
        @{ Case = 'run: bad -Mount type'; Id = 'InvalidMountSpec'; Category = 'InvalidArgument'; Target = 'type=weird,target=/x'; Script = { Invoke-DockerContainer $image -Mount 'type=weird,target=/x' true } }
        @{ Case = 'run: -Mount no target'; Id = 'InvalidMountSpec'; Category = 'InvalidArgument'; Target = 'type=volume,source=v'; Script = { Invoke-DockerContainer $image -Mount 'type=volume,source=v' true } }
        @{ Case = 'run: bad -Environment'; Id = 'InvalidEnvironment'; Category = 'InvalidArgument'; Target = '=x'; Script = { Invoke-DockerContainer $image -Environment '=x' true } }
        @{ Case = 'run: bad -Label'; Id = 'InvalidLabel'; Category = 'InvalidArgument'; Target = '=x'; Script = { Invoke-DockerContainer $image -Label '=x' true } }
        @{ Case = 'run: bad -AddHost'; Id = 'InvalidAddHost'; Category = 'InvalidArgument'; Target = 'nohost'; Script = { Invoke-DockerContainer $image -AddHost 'nohost' true } }
        @{ Case = 'run: bad -AddHost ip'; Id = 'InvalidAddHost'; Category = 'InvalidArgument'; Target = 'h:999.1.1.1'; Script = { Invoke-DockerContainer $image -AddHost 'h:999.1.1.1' true } }
        @{ Case = 'run: bad -Dns'; Id = 'InvalidDns'; Category = 'InvalidArgument'; Target = 'not-an-ip'; Script = { Invoke-DockerContainer $image -Dns 'not-an-ip' true } }
        @{ Case = 'run: bad -Expose'; Id = 'InvalidExpose'; Category = 'InvalidArgument'; Target = 'abc'; Script = { Invoke-DockerContainer $image -Expose 'abc' true } }
        @{ Case = 'run: bad -Expose range'; Id = 'InvalidExpose'; Category = 'InvalidArgument'; Target = '90-80'; Script = { Invoke-DockerContainer $image -Expose '90-80' true } }
        @{ Case = 'run: bad -Tmpfs'; Id = 'InvalidTmpfs'; Category = 'InvalidArgument'; Target = 'relative'; Script = { Invoke-DockerContainer $image -Tmpfs 'relative' true } }
        @{ Case = 'run: bad -Ulimit'; Id = 'InvalidUlimit'; Category = 'InvalidArgument'; Target = 'nofile='; Script = { Invoke-DockerContainer $image -Ulimit 'nofile' true } }
        @{ Case = 'run: bad -Ulimit name'; Id = 'ContainerStartFailed'; Category = 'InvalidOperation'; Target = '$image'; Script = { Invoke-DockerContainer $image -Ulimit 'bogus=1:2' true } }
        @{ Case = 'run: bad -Device'; Id = 'InvalidDevice'; Category = 'InvalidArgument'; Target = 'relative'; Script = { Invoke-DockerContainer $image -Device 'relative' true } }
        @{ Case = 'run: bad -StopSignal'; Id = 'InvalidSignal'; Category = 'InvalidArgument'; Target = 'SIGNOPE'; Script = { Invoke-DockerContainer $image -StopSignal 'SIGNOPE' true } }
        @{ Case = 'run: bad -CapAdd'; Id = 'InvalidCapability'; Category = 'InvalidArgument'; Target = 'CAP_NOT_A_CAP'; Script = { Invoke-DockerContainer $image -CapAdd 'NOT_A_CAP' true } }
        @{ Case = 'run: healthcheck conflict'; Id = 'ConflictingHealthcheck'; Category = 'InvalidArgument'; Target = 'NoHealthcheck'; Script = { Invoke-DockerContainer $image -NoHealthcheck -HealthCmd 'true' true } }
        @{ Case = 'run: bad -HealthInterval'; Id = 'InvalidDuration'; Category = 'InvalidArgument'; Target = 'soon'; Script = { Invoke-DockerContainer $image -HealthCmd true -HealthInterval 'soon' true } }
        @{ Case = 'run: bad -Link'; Id = 'InvalidLink'; Category = 'InvalidArgument'; Target = 'a:b:c'; Script = { Invoke-DockerContainer $image -Link 'a:b:c' true } }
        @{ Case = 'run: bad -Ip'; Id = 'InvalidIpAddress'; Category = 'InvalidArgument'; Target = '10.0.0.300'; Script = { Invoke-DockerContainer $image -Ip '10.0.0.300' true } }
        @{ Case = 'run: -Ip without -Network'; Id = 'NetworkRequired'; Category = 'InvalidArgument'; Target = ''; Script = { Invoke-DockerContainer $image -Ip '10.0.0.3' true } }
        @{ Case = 'run: bad -DeviceReadBps'; Id = 'InvalidDeviceRate'; Category = 'InvalidArgument'; Target = '/dev/sda'; Script = { Invoke-DockerContainer $image -DeviceReadBps '/dev/sda' true } }
        @{ Case = 'run: bad -BlkioWeightDevice'; Id = 'InvalidBlkioWeightDevice'; Category = 'InvalidArgument'; Target = '/dev/sda:x'; Script = { Invoke-DockerContainer $image -BlkioWeightDevice '/dev/sda:x' true } }
        @{ Case = 'run: missing -EnvFile'; Id = 'EnvFileUnreadable'; Category = 'ReadError'; Target = '/nonexistent/env'; Script = { Invoke-DockerContainer $image -EnvFile '/nonexistent/env' true } }
        @{ Case = 'run: missing -LabelFile'; Id = 'LabelFileUnreadable'; Category = 'ReadError'; Target = '/nonexistent/labels'; Script = { Invoke-DockerContainer $image -LabelFile '/nonexistent/labels' true } }
        @{ Case = 'run: bad -LogOpt'; Id = 'InvalidLogOpt'; Category = 'InvalidArgument'; Target = 'novalue'; Script = { Invoke-DockerContainer $image -LogOpt 'novalue' true } }
        @{ Case = 'run: bad -Attach'; Id = 'InvalidAttachStream'; Category = 'InvalidArgument'; Target = 'stdio'; Script = { Invoke-DockerContainer $image -Attach stdio true } }
        @{ Case = 'run: -Attach with -Detach'; Id = 'AttachConflictsWithDetach'; Category = 'InvalidArgument'; Target = 'stdout'; Script = { Invoke-DockerContainer $image -Attach stdout -Detach true } }
        @{ Case = 'run: bad -DetachKeys'; Id = 'InvalidDetachKeys'; Category = 'InvalidArgument'; Target = 'ctrl-'; Script = { Invoke-DockerContainer $image -Interactive -DetachKeys 'ctrl-' cat } }
        @{ Case = 'run: -it without console'; Id = 'InputNotATerminal'; Category = 'InvalidOperation'; Target = '$image'; Script = { Invoke-DockerContainer $image -Interactive -Tty sh } }
        @{ Case = 'run: bad -RawConfig'; Id = 'InvalidRawConfig'; Category = 'InvalidArgument'; Target = '{not json'; Script = { Invoke-DockerContainer $image -RawConfig '{not json' true } }
        @{ Case = 'run: missing network'; Id = 'NetworkNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-net'; Script = { Invoke-DockerContainer $image -Network 'pester-no-such-net' true } }
        @{ Case = 'run: -Cpus 9999'; Id = 'InvalidCpus'; Category = 'InvalidArgument'; Target = '9999'; Script = { Invoke-DockerContainer $image -Cpus 9999 true } }
        @{ Case = 'run: bad -Cidfile folder'; Id = 'CidfileFolderNotFound'; Category = 'ObjectNotFound'; Target = '/nonexistent/dir/cid'; Script = { Invoke-DockerContainer $image -Cidfile '/nonexistent/dir/cid' true } }
        @{ Case = 'run: bad -Platform'; Id = 'ContainerInvalidArgument'; Category = 'InvalidArgument'; Target = '$image'; Script = { Invoke-DockerContainer $image -Platform 'nope/x/y/z' true } }
        @{ Case = 'run: bad -ShmSize'; Id = 'InvalidSize'; Category = 'InvalidArgument'; Target = 'big'; Script = { Invoke-DockerContainer $image -ShmSize 'big' true } }
        @{ Case = 'run: bad -CpusetCpus'; Id = 'ContainerInvalidArgument'; Category = 'InvalidArgument'; Target = '$image'; Script = { Invoke-DockerContainer $image -CpusetCpus 'a-b' true } }
        @{ Case = 'run: bad -User'; Id = 'ContainerStartFailed'; Category = 'InvalidOperation'; Target = '$image'; Script = { Invoke-DockerContainer $image -User 'a:b:c' true } }
        @{ Case = 'run: bad -GroupAdd'; Id = 'ContainerStartFailed'; Category = 'InvalidOperation'; Target = '$image'; Script = { Invoke-DockerContainer $image -GroupAdd '' true } }
        @{ Case = 'run: bad -Sysctl'; Id = 'InvalidSysctl'; Category = 'InvalidArgument'; Target = 'novalue'; Script = { Invoke-DockerContainer $image -Sysctl 'novalue' true } }
        @{ Case = 'run: bad -SecurityOpt'; Id = 'ContainerEngineError'; Category = 'InvalidOperation'; Target = '$image'; Script = { Invoke-DockerContainer $image -SecurityOpt 'bogus' true } }
        @{ Case = 'run: bad -Runtime'; Id = 'ContainerInvalidArgument'; Category = 'InvalidArgument'; Target = '$image'; Script = { Invoke-DockerContainer $image -Runtime 'nope-runtime' true } }
        @{ Case = 'run: bad -Isolation'; Id = 'UnknownParameter'; Category = 'InvalidArgument'; Target = '-Isolation'; Script = { Invoke-DockerContainer $image -Isolation 'hyperv' true } }
        @{ Case = 'run: image not present -Pull never'; Id = 'ImageNotFound'; Category = 'ObjectNotFound'; Target = '127.0.0.1:1/none/none:1'; Script = { Invoke-DockerContainer '127.0.0.1:1/none/none:1' -Pull never true } }
        @{ Case = 'create: unknown flag'; Id = 'UnknownParameter'; Category = 'InvalidArgument'; Target = '-Bogus'; Script = { New-DockerContainer -Bogus $image true } }
        @{ Case = 'create: image x@sha256:123'; Id = 'InvalidImageReference'; Category = 'InvalidArgument'; Target = 'x@sha256:123'; Script = { New-DockerContainer 'x@sha256:123' true } }
        @{ Case = 'create: name exists'; Id = 'ContainerAlreadyExists'; Category = 'ResourceExists'; Target = '$box'; Script = { New-DockerContainer $image -Name $box true } }
        @{ Case = 'create: bad -Memory'; Id = 'InvalidMemory'; Category = 'InvalidArgument'; Target = '-5m'; Script = { New-DockerContainer $image -Memory '-5m' true } }
        @{ Case = 'create: bad -MemorySwap'; Id = 'ContainerInvalidArgument'; Category = 'InvalidArgument'; Target = '$image'; Script = { New-DockerContainer $image -Memory 10m -MemorySwap 5m true } }
        @{ Case = 'create: bad -Publish range'; Id = 'InvalidPublishSpec'; Category = 'InvalidArgument'; Target = '8080-8070:80'; Script = { New-DockerContainer $image -Publish '8080-8070:80' true } }
        @{ Case = 'create: bad -Ulimit soft>hard'; Id = 'InvalidUlimit'; Category = 'InvalidArgument'; Target = 'nofile=10:5'; Script = { New-DockerContainer $image -Ulimit 'nofile=10:5' true } }
        @{ Case = 'create: -Cidfile exists'; Id = 'CidfileExists'; Category = 'ResourceExists'; Target = '$tmp/cid'; Script = { Set-Content "$tmp/cid" x; New-DockerContainer $image -Cidfile "$tmp/cid" true } }
        @{ Case = 'exec: no such container'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Invoke-DockerContainerCommand 'pester-no-such-container' true } }
        @{ Case = 'exec: stopped container'; Id = 'ContainerConflict'; Category = 'InvalidOperation'; Target = '$box'; Script = { Invoke-DockerContainerCommand $box true } }
        @{ Case = 'exec: no command'; Id = 'CommandRequired'; Category = 'InvalidArgument'; Target = '$running'; Script = { Invoke-DockerContainerCommand $running } }
        @{ Case = 'exec: bad -Environment'; Id = 'InvalidEnvironment'; Category = 'InvalidArgument'; Target = '=x'; Script = { Invoke-DockerContainerCommand $running -Environment '=x' true } }
        @{ Case = 'enter: no such container'; Id = 'InputNotATerminal'; Category = 'InvalidOperation'; Target = 'pester-no-such-container'; Script = { Enter-DockerContainer 'pester-no-such-container' } }
        @{ Case = 'enter: stopped'; Id = 'InputNotATerminal'; Category = 'InvalidOperation'; Target = '$box'; Script = { Enter-DockerContainer $box } }
        @{ Case = 'enter: no console'; Id = 'InputNotATerminal'; Category = 'InvalidOperation'; Target = '$running'; Script = { Enter-DockerContainer $running } }
        @{ Case = 'enter: bad -DetachKeys'; Id = 'InvalidDetachKeys'; Category = 'InvalidArgument'; Target = 'ctrl-@@'; Script = { Enter-DockerContainer $running -DetachKeys 'ctrl-@@' } }
        @{ Case = 'start: no such'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Start-DockerContainer 'pester-no-such-container' } }
        @{ Case = 'start: bad wildcard'; Id = 'InvalidWildcardPattern'; Category = 'InvalidArgument'; Target = 'pester['; Script = { Start-DockerContainer 'pester[' } }
        @{ Case = 'stop: no such'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Stop-DockerContainer 'pester-no-such-container' } }
        @{ Case = 'stop: bad signal'; Id = 'InvalidSignal'; Category = 'InvalidArgument'; Target = 'SIGBOGUS'; Script = { Stop-DockerContainer $running -Signal 'SIGBOGUS' -WhatIf:$false -Confirm:$false -Timeout 1 } }
        @{ Case = 'restart: no such'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Restart-DockerContainer 'pester-no-such-container' } }
        @{ Case = 'restart: no such id'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'ffffffffffff'; Script = { Restart-DockerContainer -Id 'ffffffffffff' } }
        @{ Case = 'suspend: no such'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Suspend-DockerContainer 'pester-no-such-container' } }
        @{ Case = 'suspend: stopped'; Id = 'ContainerConflict'; Category = 'InvalidOperation'; Target = '$box'; Script = { Suspend-DockerContainer $box } }
        @{ Case = 'resume: not paused'; Id = 'ContainerConflict'; Category = 'InvalidOperation'; Target = '$running'; Script = { Resume-DockerContainer $running } }
        @{ Case = 'remove: running'; Id = 'ContainerIsRunning'; Category = 'InvalidOperation'; Target = '$running'; Script = { Remove-DockerContainer $running } }
        @{ Case = 'remove: no such'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Remove-DockerContainer 'pester-no-such-container' } }
        @{ Case = 'remove: volume piped'; Id = 'InputNotAContainer'; Category = 'InvalidArgument'; Target = '$vol'; Script = { Get-DockerVolume $vol | Remove-DockerContainer -Force } }
        @{ Case = 'remove: file piped'; Id = 'InputNotAContainer'; Category = 'InvalidArgument'; Target = '$tmp'; Script = { Get-Item $tmp | Remove-DockerContainer -Force } }
        @{ Case = 'rename: no such'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Rename-DockerContainer 'pester-no-such-container' -NewName 'x' } }
        @{ Case = 'rename: taken'; Id = 'ContainerAlreadyExists'; Category = 'ResourceExists'; Target = '$box'; Script = { Rename-DockerContainer $box -NewName $running } }
        @{ Case = 'update: nothing'; Id = 'UpdateNothingGiven'; Category = 'InvalidArgument'; Target = ''; Script = { Update-DockerContainer $box } }
        @{ Case = 'update: bad memory'; Id = 'InvalidMemory'; Category = 'InvalidArgument'; Target = 'x'; Script = { Update-DockerContainer $box -Memory 'x' } }
        @{ Case = 'update: bad restart'; Id = 'InvalidRestartPolicy'; Category = 'InvalidArgument'; Target = 'sometimes'; Script = { Update-DockerContainer $box -RestartPolicy 'sometimes' } }
        @{ Case = 'update: no such'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Update-DockerContainer 'pester-no-such-container' -Cpus 1 } }
        @{ Case = 'wait: no such'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Wait-DockerContainer 'pester-no-such-container' } }
        @{ Case = 'wait: timeout'; Id = 'WaitTimeout'; Category = 'OperationTimeout'; Target = '$running'; Script = { Wait-DockerContainer $running -Timeout 1 } }
        @{ Case = 'logs: no such'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Get-DockerContainerLog 'pester-no-such-container' } }
        @{ Case = 'logs: bad -Since'; Id = 'InvalidTimeArgument'; Category = 'InvalidArgument'; Target = 'yesterday-ish'; Script = { Get-DockerContainerLog $box -Since 'yesterday-ish' } }
        @{ Case = 'logs: -Since overflow'; Id = 'InvalidTimeArgument'; Category = 'InvalidArgument'; Target = '99999999999999'; Script = { Get-DockerContainerLog $box -Since 99999999999999 } }
        @{ Case = 'logs: -Since 1e300'; Id = 'InvalidTimeArgument'; Category = 'InvalidArgument'; Target = '1e300'; Script = { Get-DockerContainerLog $box -Since '1e300' } }
        @{ Case = 'logs: -Since huge h'; Id = 'InvalidTimeArgument'; Category = 'InvalidArgument'; Target = '99999999999h'; Script = { Get-DockerContainerLog $box -Since '99999999999h' } }
        @{ Case = 'logs: -Since timespan'; Id = 'InvalidTimeArgument'; Category = 'InvalidArgument'; Target = '9999999.00:00:00'; Script = { Get-DockerContainerLog $box -Since (New-TimeSpan -Days 9999999) } }
        @{ Case = 'logs: bad -Until'; Id = 'InvalidTimeArgument'; Category = 'InvalidArgument'; Target = 'never'; Script = { Get-DockerContainerLog $box -Until 'never' } }
        @{ Case = 'top: no such'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Get-DockerContainerProcess 'pester-no-such-container' } }
        @{ Case = 'top: stopped'; Id = 'ContainerNotRunning'; Category = 'InvalidOperation'; Target = '$box'; Script = { Get-DockerContainerProcess $box } }
        @{ Case = 'top: bad ps args'; Id = 'InvalidPsArguments'; Category = 'InvalidArgument'; Target = '--bogus-flag'; Script = { Get-DockerContainerProcess $running -PsArguments '--bogus-flag' } }
        @{ Case = 'diff: no such'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Get-DockerContainerChange 'pester-no-such-container' } }
        @{ Case = 'stats: no such'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Get-DockerContainerStatistic 'pester-no-such-container' } }
        @{ Case = 'export: no such'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Export-DockerContainer 'pester-no-such-container' -Path "$tmp/x.tar" } }
        @{ Case = 'export: folder missing'; Id = 'ExportFolderNotFound'; Category = 'ObjectNotFound'; Target = '/nonexistent/dir/x.tar'; Script = { Export-DockerContainer $box -Path '/nonexistent/dir/x.tar' } }
        @{ Case = 'export: exists'; Id = 'ExportFileExists'; Category = 'ResourceExists'; Target = '$tmp/exists.tar'; Script = { Set-Content "$tmp/exists.tar" x; Export-DockerContainer $box -Path "$tmp/exists.tar" } }
        @{ Case = 'export: path is folder'; Id = 'ExportPathIsFolder'; Category = 'InvalidArgument'; Target = '$tmp'; Script = { Export-DockerContainer $box -Path $tmp } }
        @{ Case = 'cp: no such container'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Copy-DockerContainerItem -Path "$tmp" -ToContainer 'pester-no-such-container' -Destination / } }
        @{ Case = 'cp: source missing'; Id = 'CopySourceNotFound'; Category = 'ObjectNotFound'; Target = '/nonexistent/file'; Script = { Copy-DockerContainerItem -Path '/nonexistent/file' -ToContainer $box -Destination / } }
        @{ Case = 'cp: container path missing'; Id = 'ContainerPathNotFound'; Category = 'ObjectNotFound'; Target = '/no/such/path'; Script = { Copy-DockerContainerItem -FromContainer $box -Path '/no/such/path' -Destination $tmp } }
        @{ Case = 'cp: destination folder missing in container'; Id = 'ContainerPathNotFound'; Category = 'ObjectNotFound'; Target = '/no/such/dir'; Script = { Set-Content "$tmp/f.txt" x; Copy-DockerContainerItem -Path "$tmp/f.txt" -ToContainer $box -Destination '/no/such/dir/' } }
        @{ Case = 'cp: local dest folder missing'; Id = 'CopyDestinationFolderNotFound'; Category = 'ObjectNotFound'; Target = '/nonexistent/dir/sub'; Script = { Copy-DockerContainerItem -FromContainer $box -Path '/bin/sh' -Destination '/nonexistent/dir/sub/' } }
        @{ Case = 'cp: source not filesystem'; Id = 'CopySourceNotFileSystem'; Category = 'InvalidArgument'; Target = 'env:PATH'; Script = { Copy-DockerContainerItem -Path 'env:PATH' -ToContainer $box -Destination / } }
        @{ Case = 'ps: bad filter'; Id = 'InvalidFilter'; Category = 'InvalidArgument'; Target = 'nonsense'; Script = { Get-DockerContainer -Filter @{ nonsense = 'x' } } }
        @{ Case = 'ps: bad wildcard'; Id = 'InvalidWildcardPattern'; Category = 'InvalidArgument'; Target = '['; Script = { Get-DockerContainer -Name '[' } }
        @{ Case = 'ps: no such exact'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Get-DockerContainer 'pester-no-such-container' } }
        @{ Case = 'images: bad filter'; Id = 'InvalidFilter'; Category = 'InvalidArgument'; Target = 'nonsense'; Script = { Get-DockerImage -Filter @{ nonsense = 'x' } } }
        @{ Case = 'images: no such'; Id = 'ImageNotFound'; Category = 'ObjectNotFound'; Target = 'pester/no-such:1'; Script = { Get-DockerImage 'pester/no-such:1' } }
        @{ Case = 'images: bad wildcard'; Id = 'InvalidWildcardPattern'; Category = 'InvalidArgument'; Target = 'x['; Script = { Get-DockerImage -Name 'x[' } }
        @{ Case = 'rmi: no such'; Id = 'ImageNotFound'; Category = 'ObjectNotFound'; Target = 'pester/no-such:1'; Script = { Remove-DockerImage 'pester/no-such:1' } }
        @{ Case = 'rmi: in use'; Id = 'ImageInUse'; Category = 'InvalidOperation'; Target = '$ownImage'; Script = { Remove-DockerImage $ownImage } }
        @{ Case = 'rmi: an id with several tags'; Id = 'ImageConflict'; Category = 'InvalidOperation'; Target = '$imageId'; Script = { Remove-DockerImage -Id $imageId } }
        @{ Case = 'rmi: container piped'; Id = 'InputNotAnImage'; Category = 'InvalidArgument'; Target = '$box'; Script = { Get-DockerContainer $box | Remove-DockerImage } }
        @{ Case = 'tag: bad tag'; Id = 'InvalidImageReference'; Category = 'InvalidArgument'; Target = 'Bad:Tag:x'; Script = { Add-DockerImageTag $image -Tag 'Bad:Tag:x' } }
        @{ Case = 'tag: no such'; Id = 'ImageNotFound'; Category = 'ObjectNotFound'; Target = 'pester/no-such:1'; Script = { Add-DockerImageTag 'pester/no-such:1' -Tag 'pester/x:1' } }
        @{ Case = 'history: no such'; Id = 'ImageNotFound'; Category = 'ObjectNotFound'; Target = 'pester/no-such:1'; Script = { Get-DockerImageHistory 'pester/no-such:1' } }
        @{ Case = 'save: no such'; Id = 'ImageNotFound'; Category = 'ObjectNotFound'; Target = 'pester/no-such:1'; Script = { Export-DockerImage 'pester/no-such:1' -Path "$tmp/i.tar" } }
        @{ Case = 'save: exists'; Id = 'ExportFileExists'; Category = 'ResourceExists'; Target = '$tmp/i-exists.tar'; Script = { Set-Content "$tmp/i-exists.tar" x; Export-DockerImage $image -Path "$tmp/i-exists.tar" } }
        @{ Case = 'load: missing'; Id = 'ImportFileNotFound'; Category = 'ObjectNotFound'; Target = '/nonexistent/image.tar'; Script = { Import-DockerImage -Path '/nonexistent/image.tar' } }
        @{ Case = 'load: not an archive'; Id = 'ImportInvalidArchive'; Category = 'InvalidData'; Target = '$tmp/garbage.tar'; Script = { Set-Content "$tmp/garbage.tar" 'not a tar'; Import-DockerImage -Path "$tmp/garbage.tar" } }
        @{ Case = 'import: bad tag'; Id = 'InvalidImageReference'; Category = 'InvalidArgument'; Target = 'Bad Tag'; Script = { Set-Content "$tmp/g2.tar" 'x'; Import-DockerImage -Path "$tmp/g2.tar" -RootFilesystem -Tag 'Bad Tag' } }
        @{ Case = 'pull: bad ref'; Id = 'InvalidImageReference'; Category = 'InvalidArgument'; Target = 'a::b'; Script = { Install-DockerImage 'a::b' } }
        @{ Case = 'pull: closed registry'; Id = 'RegistryUnreachable'; Category = 'ConnectionError'; Target = '127.0.0.1:1/none/none:1'; Script = { Install-DockerImage '127.0.0.1:1/none/none:1' } }
        @{ Case = 'push: no such'; Id = 'ImageNotFound'; Category = 'ObjectNotFound'; Target = 'pester/no-such:1'; Script = { Publish-DockerImage 'pester/no-such:1' } }
        @{ Case = 'push: bad ref'; Id = 'InvalidImageReference'; Category = 'InvalidArgument'; Target = 'bad tag'; Script = { Publish-DockerImage 'bad tag' } }
        @{ Case = 'build: missing context'; Id = 'BuildContextNotFound'; Category = 'ObjectNotFound'; Target = '/nonexistent/context'; Script = { Build-DockerImage '/nonexistent/context' } }
        @{ Case = 'build: missing dockerfile'; Id = 'BuildDockerfileNotFound'; Category = 'ObjectNotFound'; Target = 'Nope.Dockerfile'; Script = { Build-DockerImage $tmp -Dockerfile 'Nope.Dockerfile' } }
        @{ Case = 'build: bad tag'; Id = 'InvalidImageReference'; Category = 'InvalidArgument'; Target = 'Bad:Tag:x'; Script = { Build-DockerImage $tmp -Tag 'Bad:Tag:x' } }
        @{ Case = 'build: bad label'; Id = 'InvalidLabel'; Category = 'InvalidArgument'; Target = '=x'; Script = { Build-DockerImage $tmp -Label '=x' } }
        @{ Case = 'commit: no such'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { New-DockerImage 'pester-no-such-container' -Tag 'pester/c:1' } }
        @{ Case = 'commit: bad tag'; Id = 'InvalidImageReference'; Category = 'InvalidArgument'; Target = 'Bad Tag'; Script = { New-DockerImage $box -Tag 'Bad Tag' } }
        @{ Case = 'commit: bad change'; Id = 'ContainerInvalidArgument'; Category = 'InvalidArgument'; Target = '$box'; Script = { New-DockerImage $box -Tag 'pester/c:1' -Change 'BOGUS x' } }
        @{ Case = 'volume create: bad name'; Id = 'InvalidVolumeName'; Category = 'InvalidArgument'; Target = 'bad name!'; Script = { New-DockerVolume 'bad name!' } }
        @{ Case = 'volume create: exists'; Id = 'VolumeAlreadyExists'; Category = 'ResourceExists'; Target = '$vol'; Script = { New-DockerVolume $vol } }
        @{ Case = 'volume create: bad driver'; Id = 'VolumeDriverNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-driver'; Script = { New-DockerVolume (New-Guid).ToString() -Driver 'pester-no-such-driver' } }
        @{ Case = 'volume create: bad label'; Id = 'InvalidLabel'; Category = 'InvalidArgument'; Target = '=x'; Script = { New-DockerVolume (New-Guid).ToString() -Label '=x' } }
        @{ Case = 'volume ls: bad filter'; Id = 'InvalidFilter'; Category = 'InvalidArgument'; Target = 'nonsense'; Script = { Get-DockerVolume -Filter @{ nonsense = 'x' } } }
        @{ Case = 'volume ls: no such'; Id = 'VolumeNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-volume'; Script = { Get-DockerVolume 'pester-no-such-volume' } }
        @{ Case = 'volume rm: no such'; Id = 'VolumeNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-volume'; Script = { Remove-DockerVolume 'pester-no-such-volume' } }
        @{ Case = 'volume rm: in use'; Id = 'VolumeInUse'; Category = 'InvalidOperation'; Target = '$usedVol'; Script = { Remove-DockerVolume $usedVol } }
        @{ Case = 'volume rm: container piped'; Id = 'InputNotAVolume'; Category = 'InvalidArgument'; Target = '$box'; Script = { Get-DockerContainer $box | Remove-DockerVolume } }
        @{ Case = 'network create: bad subnet'; Id = 'InvalidSubnet'; Category = 'InvalidArgument'; Target = '10.235.0.0/33'; Script = { New-DockerNetwork 'pester-n1' -Subnet '10.235.0.0/33' } }
        @{ Case = 'network create: bad gateway'; Id = 'InvalidGateway'; Category = 'InvalidArgument'; Target = '10.236.0.1'; Script = { New-DockerNetwork 'pester-n1' -Subnet '10.235.0.0/24' -Gateway '10.236.0.1' } }
        @{ Case = 'network create: bad range'; Id = 'InvalidIPRange'; Category = 'InvalidArgument'; Target = '10.235.1.0/25'; Script = { New-DockerNetwork 'pester-n1' -Subnet '10.235.0.0/24' -IPRange '10.235.1.0/25' } }
        @{ Case = 'network create: bad driver'; Id = 'InvalidNetworkDriver'; Category = 'InvalidArgument'; Target = 'Bad Driver!'; Script = { New-DockerNetwork 'pester-n1' -Driver 'Bad Driver!' } }
        @{ Case = 'network create: exists'; Id = 'NetworkAlreadyExists'; Category = 'ResourceExists'; Target = '$net'; Script = { New-DockerNetwork $net } }
        @{ Case = 'network create: overlay no swarm'; Id = 'NetworkRequiresSwarm'; Category = 'InvalidOperation'; Target = 'overlay'; Script = { New-DockerNetwork 'pester-n2' -Driver overlay } }
        @{ Case = 'network create: unknown driver'; Id = 'NetworkDriverNotFound'; Category = 'ObjectNotFound'; Target = 'pesternodriver'; Script = { New-DockerNetwork 'pester-n3' -Driver 'pesternodriver' } }
        @{ Case = 'network ls: bad filter'; Id = 'InvalidFilter'; Category = 'InvalidArgument'; Target = 'nonsense'; Script = { Get-DockerNetwork -Filter @{ nonsense = 'x' } } }
        @{ Case = 'network ls: no such'; Id = 'NetworkNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-net'; Script = { Get-DockerNetwork 'pester-no-such-net' } }
        @{ Case = 'network rm: no such'; Id = 'NetworkNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-net'; Script = { Remove-DockerNetwork 'pester-no-such-net' } }
        @{ Case = 'network rm: predefined'; Id = 'NetworkPredefined'; Category = 'InvalidOperation'; Target = 'none'; Script = { Remove-DockerNetwork 'none' } }
        @{ Case = 'network rm: volume piped'; Id = 'InputNotANetwork'; Category = 'InvalidArgument'; Target = '$vol'; Script = { Get-DockerVolume $vol | Remove-DockerNetwork } }
        @{ Case = 'network connect: no such network'; Id = 'NetworkNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-net'; Script = { Connect-DockerNetwork 'pester-no-such-net' $box } }
        @{ Case = 'network connect: no such container'; Id = 'ContainerNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-container'; Script = { Connect-DockerNetwork $net 'pester-no-such-container' } }
        @{ Case = 'network connect: bad ip'; Id = 'InvalidIPAddress'; Category = 'InvalidArgument'; Target = '10.1.1.300'; Script = { Connect-DockerNetwork $net $box -IPAddress '10.1.1.300' } }
        @{ Case = 'network disconnect: not connected'; Id = 'ContainerNotConnected'; Category = 'InvalidOperation'; Target = '$box'; Script = { Disconnect-DockerNetwork $net $box } }
        @{ Case = 'events: bad since'; Id = 'InvalidTimeArgument'; Category = 'InvalidArgument'; Target = 'yesterday-ish'; Script = { Get-DockerEvent -Since 'yesterday-ish' -Until (Get-Date) } }
        @{ Case = 'events: bad filter'; Id = 'InvalidEventFilter'; Category = 'InvalidArgument'; Target = 'nonsense'; Script = { Get-DockerEvent -Filter @{ nonsense = 'x' } -Until (Get-Date) } }
        @{ Case = 'events: bad type'; Id = 'InvalidEventFilter'; Category = 'InvalidArgument'; Target = 'contianer'; Script = { Get-DockerEvent -Filter @{ type = 'contianer' } -Until (Get-Date) } }
        @{ Case = 'events: since after until'; Id = 'InvalidTimeRange'; Category = 'InvalidArgument'; Target = '1m'; Script = { Get-DockerEvent -Since '1m' -Until '5m' } }
        @{ Case = 'events: since overflow'; Id = 'InvalidTimeArgument'; Category = 'InvalidArgument'; Target = '99999999999999'; Script = { Get-DockerEvent -Since 99999999999999 -Until (Get-Date) } }
        @{ Case = 'prune: bad filter'; Id = 'InvalidPruneFilter'; Category = 'InvalidArgument'; Target = 'bogus'; Script = { Clear-DockerSystem -Filter @{ bogus = 1 } -WhatIf } }
        @{ Case = 'prune: bad until'; Id = 'InvalidTimeArgument'; Category = 'InvalidArgument'; Target = '99999999999h'; Script = { Clear-DockerSystem -Filter @{ until = '99999999999h' } -WhatIf } }
        @{ Case = 'login: bad registry'; Id = 'InvalidRegistryAddress'; Category = 'InvalidArgument'; Target = 'bad registry!'; Script = { Connect-DockerRegistry 'bad registry!' -Credential ([pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force))) } }
        @{ Case = 'login: closed registry'; Id = 'RegistryUnreachable'; Category = 'ConnectionError'; Target = '127.0.0.1:1'; Script = { Connect-DockerRegistry '127.0.0.1:1' -Credential ([pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force))) } }
        @{ Case = 'host: bad scheme'; Id = 'DockerHostInvalid'; Category = 'InvalidArgument'; Target = 'foo://x'; Script = { Get-DockerVersion -DockerHost 'foo://x' } }
        @{ Case = 'host: relative unix'; Id = 'DockerHostInvalid'; Category = 'InvalidArgument'; Target = 'unix://relative/docker.sock'; Script = { Get-DockerVersion -DockerHost 'unix://relative/docker.sock' } }
        @{ Case = 'host: bad port'; Id = 'DockerHostInvalid'; Category = 'InvalidArgument'; Target = 'tcp://127.0.0.1:notaport'; Script = { Get-DockerVersion -DockerHost 'tcp://127.0.0.1:notaport' } }
        @{ Case = 'host: missing socket'; Id = 'DockerEngineUnreachable'; Category = 'ConnectionError'; Target = 'unix:///nonexistent/docker.sock'; Script = { Get-DockerVersion -DockerHost 'unix:///nonexistent/docker.sock' } }
        @{ Case = 'host: npipe'; Id = 'DockerHostSchemeNotSupported'; Category = 'NotImplemented'; Target = 'npipe:////./pipe/docker_engine'; Script = { Get-DockerVersion -DockerHost 'npipe:////./pipe/docker_engine' } }
        @{ Case = 'host: fd'; Id = 'DockerHostSchemeNotSupported'; Category = 'NotImplemented'; Target = 'fd://3'; Script = { Get-DockerVersion -DockerHost 'fd://3' } }
        @{ Case = 'host: ssh to a port nothing listens on'; Id = 'DockerSshFailed'; Category = 'ConnectionError'; Target = 'ssh://u@127.0.0.1:1'; Script = { Get-DockerVersion -DockerHost 'ssh://u@127.0.0.1:1' } }
        @{ Case = 'context: missing'; Id = 'DockerContextNotFound'; Category = 'ObjectNotFound'; Target = 'pester-no-such-context'; Script = { Get-DockerVersion -Context 'pester-no-such-context' } }
        @{ Case = 'context: conflicts'; Id = 'DockerHostAndContextConflict'; Category = 'InvalidArgument'; Target = 'tcp://127.0.0.1:1'; Script = { Get-DockerVersion -Context default -DockerHost 'tcp://127.0.0.1:1' } }
        @{ Case = 'timeout preference'; Id = 'InvalidRequestTimeout'; Category = 'InvalidArgument'; Target = 'soon'; Script = { $global:PSDockerRequestTimeoutSec = 'soon'; try { Get-DockerVersion } finally { Remove-Variable PSDockerRequestTimeoutSec -Scope Global } } }
    ) {
        $before = Get-Inventory
        $caught = $null
        try { & $Script *>&1 | Out-Null } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty -Because 'bad input must be an error'
        $caught.FullyQualifiedErrorId | Should -BeLike "$Id,PSDocker.*"
        $caught.FullyQualifiedErrorId | Should -Not -Match '^System\.|Exception,'
        $caught.CategoryInfo.Category | Should -Be $Category
        $expected = $ExecutionContext.InvokeCommand.ExpandString($Target)
        if ($expected) { "$($caught.TargetObject)" | Should -Be $expected } else { $caught.TargetObject | Should -BeNullOrEmpty }
        $caught.Exception.Message | Should -Match $guidance -Because 'the message says what to do'
        $caught.Exception | Should -Not -BeOfType [System.Management.Automation.RuntimeException] -Because 'the exception is the module''s own, not a wrapped .NET one'
        Get-Inventory | Should -Be $before -Because 'a refused command leaves nothing behind'
    }

    It 'left the engine as the docker CLI saw it before the sweep' {
        $after = @('ps -aq', 'volume ls -q', 'network ls -q', 'images -aq') | ForEach-Object { ((Invoke-TestDocker ($_ -split ' ')) | Sort-Object -Unique) -join ',' }
        $after | Should -Be $cliBefore
    }
}
