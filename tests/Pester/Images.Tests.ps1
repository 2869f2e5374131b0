# Images: list, pull from and push to the run's 127.0.0.1 registry, tag, remove, history, save/load, commit, build.
# Logging in to registries is in Registry.Tests.ps1.

BeforeAll {
    Import-Module "$PSScriptRoot/TestEngine.psm1"
    $image = Get-TestImage
    $registry = $env:PSDOCKER_PESTER_REGISTRY
    $imageId = Invoke-TestDocker image inspect -f '{{.Id}}' $image

    function New-UniqueImage([string] $Reference) {
        <# An image with a layer of its own, tagged -Reference (committed from a labelled container, which is removed). #>
        $seed = New-TestName 'seed'
        Invoke-TestDocker run --label psdocker.test=images --name $seed $image sh -c "echo $([guid]::NewGuid()) > /unique" | Out-Null
        Invoke-TestDocker commit $seed $Reference | Out-Null
        Invoke-TestDocker rm $seed | Out-Null
        Invoke-TestDocker image inspect -f '{{.Id}}' $Reference
    }

    function Test-LocalImage([string] $Reference) {
        Invoke-TestDockerUnchecked image inspect $Reference | Out-Null
        $LASTEXITCODE -eq 0
    }
}

AfterAll { Remove-TestObject }

Describe 'Get-DockerImage' {
    It 'lists the test image as docker images does' {
        $row = Get-DockerImage | Where-Object Name -eq $image
        $row.Repository | Should -Be 'psdocker-test/busybox'
        $row.Tag | Should -Be 'latest'
        $row.Id | Should -Be (Invoke-TestDocker image inspect -f '{{.Id}}' $image)
    }

    It 'finds by name and by wildcard; -Inspect gives the config' {
        (Get-DockerImage $image).Name | Should -Be $image
        (Get-DockerImage 'psdocker-test/*').Name | Should -Contain $image
        (Get-DockerImage $image -Inspect).Labels['psdocker.test'] | Should -Be 'image'
    }

    It 'lists one row per tag, finds by wildcard and by short id; -Inspect gives the detail; history shows the layers' {
        $repo = "psdocker-test/list-$(New-TestName 'r')"
        Invoke-TestDocker tag $image "${repo}:a" | Out-Null
        Invoke-TestDocker tag $image "${repo}:b" | Out-Null
        try {
            $rows = Get-DockerImage -Name $repo
            $rows.Tag | Sort-Object | Should -Be 'a', 'b'
            $rows | ForEach-Object { $_.Id | Should -Be $imageId; $_.Repository | Should -Be $repo }
            $rows | Where-Object Tag -eq 'a' | Select-Object -ExpandProperty RepoTags | Should -Contain "${repo}:a"
            $rows[0].Size | Should -BeGreaterThan 1000000
            $rows[0].Labels['psdocker.test'] | Should -Be 'image'

            @(Get-DockerImage -Name "$($repo.Substring(0, $repo.Length - 3))*:*").Count | Should -Be 2
            (Get-DockerImage -Id $imageId.Substring(7, 12)).Name | Should -Contain $image

            $detail = Get-DockerImage -Name "${repo}:a" -Inspect
            $detail.PSObject.TypeNames[0] | Should -Be 'PSDocker.Model.DockerImageDetail'
            $detail.Command | Should -Be @('/bin/sh')
            @($detail.Layers).Count | Should -BeGreaterThan 0

            (Get-DockerImageHistory "${repo}:a").CreatedBy | Where-Object { $_ -like '*COPY*' } | Should -Not -BeNullOrEmpty
        } finally {
            Invoke-TestDockerUnchecked rmi "${repo}:a" "${repo}:b" | Out-Null
        }
    }

    It 'an image that is not there is one non-terminating ImageNotFound (ObjectNotFound) naming it' {
        $found = Get-DockerImage -Name 'psdocker-test/no-such-image' -ErrorAction SilentlyContinue -ErrorVariable failed
        $found | Should -BeNullOrEmpty
        @($failed).Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be 'psdocker-test/no-such-image'
    }

    It 'says ImageNotFound for an image that does not exist' {
        { Get-DockerImage 'pester/no-such-image:1' -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNotFound,*'
    }

    It 'keeps NAMES whole at <Width> columns' -TestCases @(@{ Width = 80 }, @{ Width = 120 }) {
        param($Width)
        Get-DockerImage $image | Out-String -Width $Width | Should -Match 'psdocker-test/busybox'
    }
}

Describe 'Pull, tag, push and remove' {
    It 'Install-DockerImage pulls from a 127.0.0.1 registry' {
        $name = "$registry/psdocker-test/busybox:latest"
        Invoke-TestDockerUnchecked rmi $name | Out-Null
        $pulled = Install-DockerImage $name
        $pulled.Name | Should -Be $name
    }

    It 'Add-DockerImageTag, Publish-DockerImage and Remove-DockerImage work through the pipeline' {
        $tag = "$registry/pester/pushed:$(New-TestName 'v')"
        Get-DockerImage $image | Add-DockerImageTag -Tag $tag
        $pushed = Get-DockerImage $tag | Publish-DockerImage
        $pushed.Digest | Should -BeLike 'sha256:*'
        Get-DockerImage $tag | Remove-DockerImage -WhatIf
        Get-DockerImage $tag | Should -Not -BeNullOrEmpty
        Get-DockerImage $tag | Remove-DockerImage
        Get-DockerImage $tag -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'Install-DockerImage of a tag the registry lacks says ImageNotFound' {
        { Install-DockerImage "$registry/pester/none:missing" -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNotFound,*'
    }

    It 'pull errors: one ImageNotFound (ObjectNotFound) for a name never pushed, RegistryUnreachable (ConnectionError) for a registry that is not there' {
        Install-DockerImage "$registry/psdocker-test/never-pushed:1" -ErrorAction SilentlyContinue -ErrorVariable missing
        @($missing).Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'

        Install-DockerImage "127.0.0.1:$(Get-FreePort)/psdocker-test/x:1" -ErrorAction SilentlyContinue -ErrorVariable down
        @($down).Count | Should -Be 1
        $down[0].FullyQualifiedErrorId | Should -BeLike 'RegistryUnreachable,*'
        $down[0].CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'Publish-, Remove- and Install-DockerImage round-trip an image through the registry with the same id' {
        $reference = "$registry/psdocker-test/roundtrip-$(New-TestName 'r'):v1"
        $id = New-UniqueImage $reference
        try {
            $push = Publish-DockerImage $reference
            $push.Name | Should -Be $reference
            $push.Digest | Should -BeLike 'sha256:*'

            $removed = Remove-DockerImage $reference
            $removed.Deleted | Should -Contain $id
            Test-LocalImage $reference | Should -BeFalse

            $pulled = Install-DockerImage $reference
            $pulled.Id | Should -Be $id
            $pulled.Tag | Should -Be 'v1'
            Invoke-TestDocker image inspect -f '{{.Id}}' $reference | Should -Be $id
        } finally {
            Invoke-TestDockerUnchecked rmi $reference | Out-Null
        }
    }

    It 'Remove-DockerImage -WhatIf removes nothing; the real run only untags what was named' {
        $run = New-TestName 'rm'
        $names = "psdocker-test/$run`:one", "psdocker-test/$run`:two"
        $decoy = "psdocker-decoy/keep-$run`:x"
        foreach ($name in @($names) + $decoy) { Invoke-TestDocker tag $image $name | Out-Null }
        try {
            Get-DockerImage -Name 'psdocker-test/*' | Remove-DockerImage -WhatIf | Should -BeNullOrEmpty
            foreach ($name in @($names) + $decoy + $image) { Test-LocalImage $name | Should -BeTrue -Because "-WhatIf keeps $name" }

            $removed = Get-DockerImage -Name "psdocker-test/$run" | Remove-DockerImage
            $removed.Untagged | Sort-Object | Should -Be ($names | Sort-Object)
            $removed | ForEach-Object { $_.Deleted | Should -BeNullOrEmpty }
            foreach ($name in $names) { Test-LocalImage $name | Should -BeFalse }
            Test-LocalImage $decoy | Should -BeTrue
            Test-LocalImage $image | Should -BeTrue
        } finally {
            Invoke-TestDockerUnchecked rmi $decoy @names | Out-Null
        }
    }

    It 'Publish-DockerImage of an image that is not there fails with a typed error' {
        { Publish-DockerImage "$registry/pester/not-here:1" -ErrorAction Stop } | Should -Throw -ErrorId 'Image*'
    }

    It 'Remove-DockerImage of an unknown image is ImageNotFound' {
        { Remove-DockerImage 'pester/no-such-image:1' -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNotFound,*'
    }
}

Describe 'Bulk removal side by side (-ThrottleLimit)' {
    It 'Remove-DockerImage removes many at once: results and errors in input order, and a parent named after its child goes as it would one at a time' {
        $ErrorActionPreference = 'Continue'
        $run = New-TestName 'bulkimg'
        $tags = 1..6 | ForEach-Object { "psdocker-test/$run-$_`:1" }
        foreach ($t in $tags) { New-UniqueImage $t | Out-Null }
        $parentId = New-UniqueImage "psdocker-test/$run-parent:1"
        $seed = New-TestName 'seed'
        Invoke-TestDocker run --label psdocker.test=images --name $seed "psdocker-test/$run-parent:1" sh -c 'echo child > /child' | Out-Null
        Invoke-TestDocker commit $seed "psdocker-test/$run-child:1" | Out-Null
        Invoke-TestDocker rm $seed | Out-Null
        try {
            $pipeline = @($tags[0..2]) + 'psdocker-test/pester-missing:1' + @($tags[3..5]) + "psdocker-test/$run-child:1" + $parentId
            $removed = $pipeline | Remove-DockerImage -Force -ThrottleLimit 4 -ErrorAction SilentlyContinue -ErrorVariable failed
            $removed.Name | Should -Be (@($tags) + "psdocker-test/$run-child:1" + $parentId)
            $removed[0].Untagged | Should -Be $tags[0]
            @($removed[-1].Deleted) | Should -Contain $parentId
            $failed.Count | Should -Be 1
            $failed[0].TargetObject | Should -Be 'psdocker-test/pester-missing:1'
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound,*'
            foreach ($t in $tags) { Test-LocalImage $t | Should -BeFalse }
            Test-LocalImage $parentId | Should -BeFalse
            Test-LocalImage $image | Should -BeTrue
        }
        finally {
            Invoke-TestDockerUnchecked rmi -f @tags "psdocker-test/$run-child:1" $parentId 2>$null | Out-Null
        }
    }
}

Describe 'History, build, save and load' {
    It 'Get-DockerImageHistory lists the layers' {
        (Get-DockerImageHistory $image).Count | Should -BeGreaterThan 0
    }

    It 'Build-DockerImage builds a Dockerfile and returns the image' {
        $context = New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'ctx'))
        Set-Content "$context/Dockerfile" "FROM $image`nRUN echo built > /built`nLABEL psdocker.test=build"
        $tag = "pester/built:$(New-TestName 'v')"
        $built = Build-DockerImage $context -Tag $tag
        $built.Name | Should -Be $tag
        Invoke-TestDocker run --rm $tag cat /built | Should -Be 'built'
        Remove-DockerImage $tag
    }

    It 'Build-DockerImage of a failing step is BuildStepFailed, and leaves no container and no tag behind' {
        $context = New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP (New-TestName 'ctx'))
        Set-Content "$context/Dockerfile" "FROM $image`nRUN echo first > /first`nRUN exit 7"
        $containers = @(Invoke-TestDocker ps -aq).Count
        { Build-DockerImage $context -Tag 'pester/fails:1' -ErrorAction Stop } | Should -Throw -ErrorId 'BuildStepFailed,*'
        # The failed step's container is removed (docker build --force-rm); the step before it stays as build
        # cache, an untagged image, as with docker build.
        @(Invoke-TestDocker ps -aq).Count | Should -Be $containers
        Invoke-TestDockerUnchecked image inspect 'pester/fails:1' | Out-Null
        $LASTEXITCODE | Should -Not -Be 0
    }

    It 'Export-DockerImage and Import-DockerImage round-trip an image, and the output shows its size' {
        $tar = Join-Path $env:PSDOCKER_PESTER_TEMP "$(New-TestName 'save').tar"
        $saved = Export-DockerImage $image -Path $tar
        (Get-Item $tar).Length | Should -BeGreaterThan 1MB
        ($saved | Out-String) | Should -Match ([string](Get-Item $tar).Length)
        $loaded = Import-DockerImage -Path $tar
        $loaded.Id | Should -Contain (Invoke-TestDocker image inspect -f '{{.Id}}' $image)
    }

    It 'Export-DockerImage saves two images from the pipeline into one archive that Import-DockerImage loads back' {
        $run = New-TestName 'save'
        $first, $second = "psdocker-test/save-a-$run`:1", "psdocker-test/save-b-$run`:1"
        $ids = (New-UniqueImage $first), (New-UniqueImage $second)
        $folder = (New-Item -ItemType Directory -Path (Join-Path $env:PSDOCKER_PESTER_TEMP $run)).FullName
        $archive = Join-Path $folder 'images.tar'
        try {
            $saved = $first, $second | Export-DockerImage -Path $archive
            $saved | Should -BeOfType [IO.FileInfo]
            @($saved).Count | Should -Be 1
            $saved.FullName | Should -Be $archive

            { Export-DockerImage $first -Path $archive -ErrorAction Stop } | Should -Throw -ErrorId 'ExportFileExists,*'
            { Export-DockerImage 'psdocker-test/no-such-image:1' -Path "$folder/none.tar" -ErrorAction Stop } | Should -Throw -ErrorId 'ImageNotFound,*'
            Test-Path "$folder/none.tar" | Should -BeFalse
            Get-ChildItem $folder -Filter '*.partial' | Should -BeNullOrEmpty

            Invoke-TestDocker rmi $first $second | Out-Null
            (Import-DockerImage $archive).Id | Sort-Object | Should -Be ($ids | Sort-Object)
            Test-LocalImage $first | Should -BeTrue
        } finally {
            Invoke-TestDockerUnchecked rmi $first $second | Out-Null
        }
    }

    It 'New-DockerImage commits with -Message, -Author and -Change; Import-DockerImage -RootFilesystem makes an image of an exported container' {
        $run = New-TestName 'commit'
        $committed, $imported = "psdocker-test/committed-$run`:1", "psdocker-test/imported-$run`:1"
        Invoke-TestDocker run --label psdocker.test=images --name $run $image sh -c 'echo committed > /marker' | Out-Null
        try {
            $made = New-DockerImage -Container $run -Tag $committed -Message 'made by a test' -Author psdt -Change 'ENV MARK=1'
            $made.Name | Should -Be $committed
            Invoke-TestDocker run --rm $committed cat /marker | Should -Be 'committed'
            Invoke-TestDocker image inspect -f '{{json .Config.Env}}' $committed | ConvertFrom-Json | Should -Contain 'MARK=1'
            Invoke-TestDocker image inspect -f '{{.Author}} {{.Comment}}' $committed | Should -Be 'psdt made by a test'

            $rootfs = Join-Path $env:PSDOCKER_PESTER_TEMP "$run-rootfs.tar"
            Invoke-TestDocker export -o $rootfs $run | Out-Null
            $fromRootfs = Import-DockerImage $rootfs -RootFilesystem -Tag $imported -Change 'CMD ["/bin/sh"]'
            $fromRootfs.Name | Should -Be $imported
            Invoke-TestDocker run --rm $imported cat /marker | Should -Be 'committed'
        } finally {
            Invoke-TestDockerUnchecked rm -f $run | Out-Null
            Invoke-TestDockerUnchecked rmi $committed $imported | Out-Null
        }
    }

    It 'Import-DockerImage of a file that is not an image archive is a data error' {
        $bad = Join-Path $env:PSDOCKER_PESTER_TEMP "$(New-TestName 'bad').tar"
        Set-Content $bad 'this is not an image archive'
        $caught = $null
        try { Import-DockerImage $bad -ErrorAction Stop } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.CategoryInfo.Category | Should -BeIn 'InvalidData', 'InvalidArgument', 'InvalidOperation'
        $caught.FullyQualifiedErrorId | Should -Not -Match '^System\.|Exception,'
    }

    It 'New-DockerImage commits a container' {
        $name = New-TestName 'commit'
        Invoke-TestDocker run --label psdocker.test=images --name $name $image sh -c 'echo c > /committed' | Out-Null
        $tag = "pester/committed:$(New-TestName 'v')"
        (New-DockerImage -Container $name -Tag $tag).Name | Should -Be $tag
        Invoke-TestDocker run --rm $tag cat /committed | Should -Be 'c'
        Invoke-TestDocker rm $name | Out-Null
        Remove-DockerImage $tag
    }
}
