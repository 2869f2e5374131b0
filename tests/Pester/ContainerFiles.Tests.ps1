# Files in and out of containers from a script: Copy-DockerContainerItem both ways by docker cp's rules (with
# modes and times kept), Export-DockerContainer to a tar, Get-DockerContainerChange as docker diff shows it;
# -WhatIf, and the errors that name what was missing.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $longName = ('l' * 120) + '.txt'
    $old = [DateTime]::new(2001, 2, 3, 4, 5, 6, [DateTimeKind]::Utc)
    $older = [DateTime]::new(1999, 12, 31, 23, 59, 58, [DateTimeKind]::Utc)

    function New-TestFolder {
        (New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'files'))).FullName
    }

    function New-TestTree([string] $Root) {
        # run.sh (0755, an old time), nested (0750, an older time)/deeper/file.txt (0640), and a name past tar's 100 characters.
        $deeper = New-Item -ItemType Directory -Path (Join-Path $Root 'nested/deeper') -Force
        [IO.File]::WriteAllText("$deeper/file.txt", "deep`n")
        [IO.File]::SetUnixFileMode("$deeper/file.txt", [IO.UnixFileMode] [Convert]::ToInt32('640', 8))
        [IO.File]::WriteAllText("$Root/nested/$longName", "long`n")
        [IO.File]::WriteAllText("$Root/run.sh", "#!/bin/sh`necho run`n")
        [IO.File]::SetUnixFileMode("$Root/run.sh", [IO.UnixFileMode] [Convert]::ToInt32('755', 8))
        [IO.File]::SetLastWriteTimeUtc("$Root/run.sh", $old)
        [IO.File]::SetUnixFileMode("$Root/nested", [IO.UnixFileMode] [Convert]::ToInt32('750', 8))
        [IO.Directory]::SetLastWriteTimeUtc("$Root/nested", $older)
        $Root
    }

    function Get-TreeListing([string] $Root) {
        # Every entry under (and including) the root: relative path, Unix mode, whole seconds of its time, content hash.
        $entries = @(Get-Item $Root -Force) + @(Get-ChildItem $Root -Recurse -Force)
        $entries | ForEach-Object {
            $relative = [IO.Path]::GetRelativePath($Root, $_.FullName)
            $seconds = [DateTimeOffset]::new($_.LastWriteTimeUtc).ToUnixTimeSeconds()
            $hash = if ($_ -is [IO.FileInfo]) { (Get-FileHash $_.FullName).Hash } else { 'dir' }
            "$relative $($_.UnixFileMode) $seconds $hash"
        } | Sort-Object -CaseSensitive
    }
}

AfterAll {
    Remove-TestObject
}

Describe 'Copy-DockerContainerItem' {
    BeforeAll {
        $box = New-TestName 'cp'
        Invoke-TestDocker run -d --label psdocker.test=files --name $box $image sh -c 'mkdir /into && sleep 1000' | Out-Null
    }

    It 'copies a tree in and back out with its contents, modes and times' {
        $folder = New-TestFolder
        $tree = New-TestTree "$folder/tree"
        $back = "$folder/back"

        $into = Copy-DockerContainerItem -Path $tree -Destination /copied -ToContainer $box -PassThru
        @($into).Count | Should -Be 1
        $into.Path | Should -Be '/copied'
        $into.IsDirectory | Should -BeTrue
        $into.Container | Should -Be $box

        # What the container sees, by its own stat.
        $seen = Invoke-TestDocker exec $box stat -c '%a %Y %n' /copied/run.sh /copied/nested /copied/nested/deeper/file.txt
        $seen[0] | Should -Be "755 $([DateTimeOffset]::new($old).ToUnixTimeSeconds()) /copied/run.sh"
        $seen[1] | Should -Be "750 $([DateTimeOffset]::new($older).ToUnixTimeSeconds()) /copied/nested"
        $seen[2] | Should -BeLike '640 *'
        Invoke-TestDocker exec $box cat /copied/nested/deeper/file.txt | Should -Be 'deep'
        Invoke-TestDocker exec $box cat "/copied/nested/$longName" | Should -Be 'long'

        $out = Copy-DockerContainerItem -Path /copied -Destination $back -FromContainer $box -PassThru
        @($out).Count | Should -Be 1
        $out | Should -BeOfType [IO.DirectoryInfo]
        $out.FullName | Should -Be $back
        Get-TreeListing $back | Should -Be (Get-TreeListing $tree)
    }

    It 'lands files by docker cp''s rules: into a folder, under a new name, a folder''s contents' {
        $folder = New-TestFolder
        $tree = New-TestTree "$folder/tree"
        Copy-DockerContainerItem -Path "$tree/run.sh" -Destination /into -ToContainer $box
        Copy-DockerContainerItem -Path "$tree/run.sh" -Destination /into/renamed -ToContainer $box
        Copy-DockerContainerItem -Path "$tree/nested/." -Destination /into -ToContainer $box
        Copy-DockerContainerItem -Path /into/renamed -Destination $folder -FromContainer $box
        Copy-DockerContainerItem -Path /into/deeper -Destination $folder -FromContainer $box

        Invoke-TestDocker exec $box ls -1 /into | Sort-Object -CaseSensitive | Should -Be (@('deeper', $longName, 'renamed', 'run.sh') | Sort-Object -CaseSensitive)
        [IO.File]::ReadAllText("$folder/renamed") | Should -Be "#!/bin/sh`necho run`n"
        (Get-Item "$folder/renamed").UnixFileMode | Should -Be ([IO.UnixFileMode] [Convert]::ToInt32('755', 8))
        [IO.File]::ReadAllText("$folder/deeper/file.txt") | Should -Be "deep`n"
    }

    It 'says ContainerPathNotFound for a container path that does not exist, naming it, and writes nothing' {
        $folder = New-TestFolder
        Copy-DockerContainerItem -Path /no/such/path -Destination $folder -FromContainer $box -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerPathNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be '/no/such/path'
        $failed[0].Exception.Message | Should -BeLike '*/no/such/path*'
        Get-ChildItem $folder -Force | Should -BeNullOrEmpty
    }

    It 'says CopySourceNotFound for a local path that does not exist, naming it' {
        $missing = Join-Path (New-TestFolder) 'no-such-file'
        Copy-DockerContainerItem -Path $missing -Destination /into -ToContainer $box -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'CopySourceNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be $missing
    }

    It 'says ContainerPathNotFound, naming the folder, when the destination folder is missing in the container' {
        $folder = New-TestFolder
        Set-Content "$folder/x.txt" 'x'
        Copy-DockerContainerItem -Path "$folder/x.txt" -Destination /no/such/x.txt -ToContainer $box -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerPathNotFound,*'
        $failed[0].TargetObject | Should -Be '/no/such'
    }

    It 'says ContainerNotFound for a container that does not exist' {
        Copy-DockerContainerItem -Path /etc -Destination (New-TestFolder) -FromContainer 'pester-no-such' -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
        $failed[0].TargetObject | Should -Be 'pester-no-such'
    }

    It 'writes progress both ways (bytes and rate), completed at the end, and the file arrives whole' {
        $folder = New-TestFolder
        $big = Join-Path $folder 'big.bin'
        $stream = [IO.File]::Create($big)
        try {
            $chunk = [byte[]]::new(1MB)
            [Random]::new(7).NextBytes($chunk)
            foreach ($i in 1..200) { $stream.Write($chunk, 0, $chunk.Length) }
        }
        finally { $stream.Dispose() }

        # In a runspace of its own, to read the progress stream as a host would get it.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($box, $big, $back) Copy-DockerContainerItem -Path $big -Destination /into/ -ToContainer $box; Copy-DockerContainerItem -Path /into/big.bin -Destination $back -FromContainer $box').
                AddArgument($box).AddArgument($big).AddArgument((Join-Path $folder 'back.bin'))
            $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            $records = @($ps.Streams.Progress)
        }
        finally { $ps.Dispose() }

        $in = @($records | Where-Object Activity -Like "Copying $big to $box`:/into*")
        $out = @($records | Where-Object Activity -Like "Copying $box`:/into/big.bin to *back.bin")
        foreach ($bar in $in, $out) {
            $bar.Count | Should -BeGreaterThan 1
            $bar[0].StatusDescription | Should -Match '^[\d.]+[kMG]?B copied \([\d.]+[kMG]?B/s\)$'
            $bar[-1].RecordType | Should -Be 'Completed'
            @($bar | Where-Object RecordType -eq 'Completed').Count | Should -Be 1
        }

        (Get-FileHash (Join-Path $folder 'back.bin')).Hash | Should -Be (Get-FileHash $big).Hash
        Remove-Item $folder -Recurse -Force
    }

    It 'copies nothing either way with -WhatIf' {
        $folder = New-TestFolder
        $tree = New-TestTree "$folder/tree"
        Copy-DockerContainerItem -Path $tree -Destination /whatif -ToContainer $box -WhatIf
        Copy-DockerContainerItem -Path /bin -Destination "$folder/back" -FromContainer $box -WhatIf
        Invoke-TestDocker exec $box sh -c 'test -e /whatif && echo yes || echo no' | Should -Be 'no'
        Test-Path "$folder/back" | Should -BeFalse
    }
}

Describe 'Export-DockerContainer' {
    It 'writes the file system as a tar holding the files the container wrote' {
        $folder = New-TestFolder
        $name = New-TestName 'export'
        Invoke-TestDocker run --label psdocker.test=files --name $name $image sh -c 'echo exported > /marker.txt' | Out-Null
        $path = "$folder/c.tar"
        $file = Export-DockerContainer $name -Path $path
        @($file).Count | Should -Be 1
        $file | Should -BeOfType [IO.FileInfo]
        $file.FullName | Should -Be $path
        $file.Length | Should -BeGreaterThan 0
        (Get-ChildItem $folder -Force).Name | Should -Be 'c.tar' # no partial file left

        $stream = [IO.File]::OpenRead($path)
        $names = [Collections.Generic.List[string]]::new()
        $marker = $null
        try {
            $reader = [System.Formats.Tar.TarReader]::new($stream)
            while ($entry = $reader.GetNextEntry()) {
                $names.Add($entry.Name.TrimStart('.', '/'))
                if ($entry.Name.TrimStart('.', '/') -eq 'marker.txt') { $marker = [IO.StreamReader]::new($entry.DataStream).ReadToEnd() }
            }
        } finally {
            $stream.Dispose()
        }
        $marker | Should -Be "exported`n"
        $names | Should -Contain 'bin/busybox'
    }

    It 'needs -Force for a file that exists, and says ExportFolderNotFound for a missing folder' {
        $folder = New-TestFolder
        $name = New-TestName 'export'
        Invoke-TestDocker create --label psdocker.test=files --name $name $image | Out-Null
        $existing = "$folder/existing.tar"
        Set-Content $existing 'old' -NoNewline

        Export-DockerContainer $name -Path $existing -ErrorAction SilentlyContinue -ErrorVariable refused
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'ExportFileExists,*'
        $refused[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $refused[0].TargetObject | Should -Be $existing
        Get-Content $existing -Raw | Should -Be 'old'

        Export-DockerContainer $name -Path "$folder/no-such-folder/c.tar" -ErrorAction SilentlyContinue -ErrorVariable notFound
        $notFound.Count | Should -Be 1
        $notFound[0].FullyQualifiedErrorId | Should -BeLike 'ExportFolderNotFound,*'
        $notFound[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'

        Export-DockerContainer $name -Path $existing -Force -WhatIf
        Get-Content $existing -Raw | Should -Be 'old'

        Get-DockerContainer $name | Export-DockerContainer -Path $existing -Force | Out-Null
        (Get-Item $existing).Length | Should -BeGreaterThan 1KB
        (Get-ChildItem $folder -Force).Name | Should -Be 'existing.tar'
    }

    It 'leaves no file behind for a container that does not exist' {
        $folder = New-TestFolder
        Export-DockerContainer 'pester-no-such' -Path "$folder/none.tar" -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
        Get-ChildItem $folder -Force | Should -BeNullOrEmpty
    }
}

Describe 'Get-DockerContainerChange' {
    It 'lists added, changed and deleted paths as docker diff does, and nothing for an untouched container' {
        $changed = New-TestName 'diff'
        $untouched = New-TestName 'diff'
        Invoke-TestDocker run --label psdocker.test=files --name $changed $image sh -c 'echo hi > /added.txt && rm /bin/ls' | Out-Null
        Invoke-TestDocker create --label psdocker.test=files --name $untouched $image | Out-Null

        $changes = Get-DockerContainerChange $changed, $untouched
        $rows = $changes | ForEach-Object { "$($_.Path) $($_.Kind) $($_.Container)" }
        $rows | Should -Contain "/added.txt Added $changed"
        $rows | Should -Contain "/bin/ls Deleted $changed"
        $rows | Should -Contain "/bin Changed $changed"
        $changes | Where-Object Container -eq $untouched | Should -BeNullOrEmpty
        ($changes | Where-Object Path -eq '/added.txt').ToString() | Should -Be 'A /added.txt'
        $changes | ForEach-Object ToString | Sort-Object | Should -Be (Invoke-TestDocker diff $changed | Sort-Object)
    }

    It 'says ContainerNotFound for a container that does not exist' {
        Get-DockerContainerChange 'pester-no-such' -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Reading a running container' {
    BeforeAll {
        $name = New-TestName 'read'
        Invoke-TestDocker run -d --label psdocker.test=files --name $name $image sh -c 'echo out; echo err >&2; mkdir /made; sleep 300' | Out-Null
        Wait-Until { (Invoke-TestDockerUnchecked logs $name) -contains 'err' } 20 'The container writing its lines'
    }

    It 'Get-DockerContainerChange sees the folder it made' {
        (Get-DockerContainerChange $name).Path | Should -Contain '/made'
    }

    It 'Copy-DockerContainerItem copies a file in and out' {
        $file = Join-Path $env:PSDOCKER_PESTER_TEMP "$name.txt"
        Set-Content $file 'copied'
        Copy-DockerContainerItem $file -ToContainer $name -Destination /made/
        Invoke-DockerContainerCommand $name cat "/made/$name.txt" | Should -Be 'copied'
        $back = Join-Path $env:PSDOCKER_PESTER_TEMP "$name-back.txt"
        Copy-DockerContainerItem "/made/$name.txt" -FromContainer $name -Destination $back
        Get-Content $back | Should -Be 'copied'
    }

    It 'Copy-DockerContainerItem of a local path that does not exist is CopySourceNotFound' {
        { Copy-DockerContainerItem '/no/such/pester/file' -ToContainer $name -Destination /made/ -ErrorAction Stop } | Should -Throw -ErrorId 'CopySourceNotFound*'
    }

    It 'Export-DockerContainer writes a tar and refuses to overwrite without -Force' {
        $tar = Join-Path $env:PSDOCKER_PESTER_TEMP "$name.tar"
        Export-DockerContainer $name -Path $tar
        (Get-Item $tar).Length | Should -BeGreaterThan 1MB
        { Export-DockerContainer $name -Path $tar -ErrorAction Stop } | Should -Throw -ErrorId 'ExportFileExists*'
    }
}
