package dev.observatory.core.release;

import dev.observatory.store.ConflictException;
import dev.observatory.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Writes one file change as a commit on a new branch, straight into the object database: the production branch, HEAD
 * and any working tree stay as they are. Also renders the change as a unified diff and pushes only that branch.
 */
final class BranchCommit {
    private BranchCommit() {
    }

    /** The new commit's id; ConflictException when the branch already exists. */
    static ObjectId commit(Repository repo, ObjectId base, String branch, String path, String text, String message,
            PersonIdent author) {
        try (ObjectInserter ins = repo.newObjectInserter();
                RevWalk rw = new RevWalk(repo)) {
            RevCommit parent = rw.parseCommit(base);
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, rw.getObjectReader(), parent.getTree());
            builder.finish();
            ObjectId blob = ins.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
            DirCacheEditor editor = index.editor();
            editor.add(new DirCacheEditor.PathEdit(path) {
                @Override
                public void apply(DirCacheEntry e) {
                    e.setFileMode(FileMode.REGULAR_FILE);
                    e.setObjectId(blob);
                }
            });
            editor.finish();
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(index.writeTree(ins));
            c.setParentId(parent);
            c.setAuthor(author);
            c.setCommitter(author);
            c.setMessage(message);
            ObjectId id = ins.insert(c);
            ins.flush();
            RefUpdate ru = repo.updateRef(Constants.R_HEADS + branch);
            ru.setNewObjectId(id);
            ru.setExpectedOldObjectId(ObjectId.zeroId());
            ru.setRefLogMessage("observatory: propose release config", false);
            RefUpdate.Result r = ru.update(rw);
            if (r != RefUpdate.Result.NEW) {
                throw new ConflictException("could not create branch " + branch + " (" + r + ")");
            }
            return id;
        } catch (IOException e) {
            throw new StoreException("writing to the release repository failed: " + e.getMessage(), e);
        }
    }

    static PersonIdent author(String name, Instant when) {
        return new PersonIdent(name + " (via Observatory)", "observatory@localhost", when, ZoneOffset.UTC);
    }

    /** Unified diff between two commits. */
    static String diff(Repository repo, ObjectId from, ObjectId to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RevWalk rw = new RevWalk(repo);
                DiffFormatter f = new DiffFormatter(out)) {
            f.setRepository(repo);
            f.format(rw.parseCommit(from).getTree(), rw.parseCommit(to).getTree());
            f.flush();
        } catch (IOException e) {
            throw new StoreException("diffing the release repository failed: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Pushes one branch (never anything else) to origin; null when it worked, else why it did not. */
    static String push(Repository repo, String branch, CredentialsProvider credentials) {
        String ref = Constants.R_HEADS + branch;
        try (Git git = Git.wrap(repo)) {
            for (PushResult r : git.push().setRemote("origin").setRefSpecs(new RefSpec(ref + ":" + ref))
                    .setCredentialsProvider(credentials).call()) {
                RemoteRefUpdate u = r.getRemoteUpdate(ref);
                if (u != null && u.getStatus() != RemoteRefUpdate.Status.OK) {
                    return "pushing " + branch + " was rejected: " + u.getStatus()
                            + (u.getMessage() == null ? "" : " " + u.getMessage());
                }
            }
            return null;
        } catch (GitAPIException e) {
            return "pushing " + branch + " failed: " + e.getMessage();
        }
    }
}
