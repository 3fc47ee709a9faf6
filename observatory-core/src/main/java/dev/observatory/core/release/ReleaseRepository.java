package dev.observatory.core.release;

import dev.observatory.store.NotFoundException;
import dev.observatory.store.StoreException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release repository through JGit: a local clone read in place, or a remote cloned bare into the data directory and
 * fetched again when older than the refresh interval. The parsed state is cached by commit id, so repeated reads of an
 * unchanged branch cost one ref lookup, and a new commit re-parses only the files it changed. Thread-safe.
 */
final class ReleaseRepository implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseRepository.class);

    private final ReleaseSettings settings;
    private final Clock clock;
    private final AtomicReference<ReleaseSnapshot> cached = new AtomicReference<>();
    /** The config files of the last parsed commit, by path and blob id: reused by the next parse. */
    private volatile Map<FileKey, ReleaseParser.ParsedFile> parsedFiles = Map.of();
    private Repository repo;
    private Instant fetchedAt;

    ReleaseRepository(ReleaseSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    ReleaseSettings settings() {
        return settings;
    }

    /** The repository, opened (or cloned) on first use. */
    synchronized Repository repo() {
        if (repo == null) {
            repo = settings.isRemote() ? cloneRemote() : openLocal(Path.of(settings.repo()));
        } else if (settings.isRemote() && fetchedAt.plus(settings.refresh()).isBefore(clock.instant())) {
            fetch();
        }
        return repo;
    }

    private static Repository openLocal(Path path) {
        if (!Files.isDirectory(path)) {
            throw new NotFoundException("the release repository " + path + " does not exist: set release_repo to a"
                    + " local clone or a remote URL");
        }
        try {
            FileRepositoryBuilder b = new FileRepositoryBuilder();
            File dotGit = path.resolve(".git").toFile();
            Repository r = (dotGit.exists() ? b.setGitDir(dotGit) : b.setGitDir(path.toFile())).setMustExist(true)
                    .build();
            if (!r.getObjectDatabase().exists()) {
                throw new NotFoundException("no Git repository at " + path + " (release_repo)");
            }
            return r;
        } catch (IOException e) {
            throw new NotFoundException("no Git repository at " + path + " (release_repo): " + e.getMessage());
        }
    }

    private Repository cloneRemote() {
        Path dir = settings.dataDir().resolve("release-repo");
        try {
            if (Files.isDirectory(dir.resolve("objects"))) {
                repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
                fetch();
                return repo;
            }
            Files.createDirectories(dir);
            Git git = Git.cloneRepository().setURI(settings.repo()).setDirectory(dir.toFile()).setBare(true)
                    .setCredentialsProvider(credentials()).call();
            fetchedAt = clock.instant();
            return git.getRepository();
        } catch (IOException | GitAPIException e) {
            throw new StoreException("cloning the release repository failed: " + e.getMessage(), e);
        }
    }

    private void fetch() {
        try (Git git = Git.wrap(repo)) {
            git.fetch().setRemote("origin").setCredentialsProvider(credentials()).call();
            fetchedAt = clock.instant();
        } catch (GitAPIException e) {
            LOG.warn("fetching the release repository failed, reading the last fetched state: {}", e.getMessage());
            fetchedAt = clock.instant();
        }
    }

    UsernamePasswordCredentialsProvider credentials() {
        String provider = PullRequests.provider(settings, remoteUrl());
        String token = settings.token(provider);
        if (token == null) {
            return null;
        }
        return new UsernamePasswordCredentialsProvider("gitlab".equals(provider) ? "oauth2" : "x-access-token", token);
    }

    /** The URL of the {@code origin} remote (the configured URL for a cloned remote), or null. */
    String remoteUrl() {
        if (settings.isRemote()) {
            return settings.repo();
        }
        Repository r = repo;
        return r == null ? null : r.getConfig().getString("remote", "origin", "url");
    }

    /** The production branch's name. */
    String branch() {
        if (settings.branch() != null && !settings.branch().isBlank()) {
            return settings.branch();
        }
        try {
            return repo().exactRef(Constants.R_HEADS + "main") == null
                    && repo().exactRef(Constants.R_HEADS + "master") != null ? "master" : "main";
        } catch (IOException e) {
            throw new StoreException("reading the release repository failed: " + e.getMessage(), e);
        }
    }

    /** The head commit of the production branch. */
    ObjectId head() {
        String b = branch();
        try {
            Ref ref = repo().exactRef(Constants.R_HEADS + b);
            if (ref == null || ref.getObjectId() == null) {
                throw new NotFoundException("the release repository has no branch '" + b + "' (release_branch)");
            }
            return ref.getObjectId();
        } catch (IOException e) {
            throw new StoreException("reading the release repository failed: " + e.getMessage(), e);
        }
    }

    /** The parsed head of the production branch, from the cache when the commit is unchanged. */
    ReleaseSnapshot snapshot() {
        ObjectId head = head();
        ReleaseSnapshot s = cached.get();
        if (s != null && s.commitId().equals(head.name())) {
            return s;
        }
        ReleaseSnapshot fresh = parse(head, branch());
        cached.set(fresh);
        return fresh;
    }

    /**
     * Parses the release configs and templates of one commit. A config file whose blob (content) and path are the same
     * as in the previously parsed commit is not read or parsed again: a new commit costs its changed files.
     */
    ReleaseSnapshot parse(ObjectId commitId, String branch) {
        Map<String, ReleaseParser.ParsedFile> files = new LinkedHashMap<>();
        Map<FileKey, ReleaseParser.ParsedFile> seen = new HashMap<>();
        Map<FileKey, ReleaseParser.ParsedFile> previous = parsedFiles;
        Map<String, String> templateTexts = new LinkedHashMap<>();
        try (RevWalk rw = new RevWalk(repo());
                ObjectReader reader = repo().newObjectReader()) {
            RevCommit commit = rw.parseCommit(commitId);
            try (TreeWalk tw = new TreeWalk(reader)) {
                tw.addTree(commit.getTree());
                tw.setRecursive(true);
                while (tw.next()) {
                    String path = tw.getPathString();
                    if (!path.endsWith(".yaml") && !path.endsWith(".yml")) {
                        continue;
                    }
                    ObjectId blob = tw.getObjectId(0);
                    if (path.startsWith(DockerTemplates.REPO_DIR)) {
                        templateTexts.put(path, text(reader, blob));
                        continue;
                    }
                    FileKey key = new FileKey(path, blob.copy());
                    ReleaseParser.ParsedFile f = previous.get(key);
                    if (f == null) {
                        f = ReleaseParser.ParsedFile.of(path, text(reader, blob));
                    }
                    files.put(path, f);
                    seen.put(key, f);
                }
            }
        } catch (IOException e) {
            throw new StoreException("reading the release repository failed: " + e.getMessage(), e);
        }
        parsedFiles = seen;
        return ReleaseParser.snapshotOf(commitId.name(), branch, files, templateTexts);
    }

    private static String text(ObjectReader reader, ObjectId blob) throws IOException {
        return new String(reader.open(blob).getBytes(), StandardCharsets.UTF_8);
    }

    /** A config file at one path with one content. */
    private record FileKey(String path, ObjectId blob) {
    }

    @Override
    public synchronized void close() {
        if (repo != null) {
            repo.close();
            repo = null;
        }
    }

}
