-- Custom (not generated): an organization always keeps an owner, checked where two requests cannot race past it.
-- The service refuses to take the last owner's role or membership (worker/services/organizations.ts), but it reads
-- the owners and then writes: two owners demoting or removing each other at the same moment both passed that read.
-- These triggers refuse the write itself, inside its statement (D1 runs one at a time), and the service answers their
-- error as the same 409. Deleting the organization deletes its memberships without them (it is gone first).
CREATE TRIGGER memberships_keep_an_owner_update BEFORE UPDATE OF role ON memberships
WHEN OLD.role = 'owner' AND NEW.role <> 'owner'
  AND NOT EXISTS (SELECT 1 FROM memberships WHERE organization_id = OLD.organization_id AND role = 'owner' AND member_id <> OLD.member_id)
BEGIN
  SELECT RAISE(ABORT, 'an organization needs at least one owner');
END;
--> statement-breakpoint
CREATE TRIGGER memberships_keep_an_owner_delete BEFORE DELETE ON memberships
WHEN OLD.role = 'owner'
  AND NOT EXISTS (SELECT 1 FROM memberships WHERE organization_id = OLD.organization_id AND role = 'owner' AND member_id <> OLD.member_id)
  AND EXISTS (SELECT 1 FROM organizations WHERE id = OLD.organization_id)
BEGIN
  SELECT RAISE(ABORT, 'an organization needs at least one owner');
END;
