// Delete buttons of the group list: the DELETE is authorised like any push (role pusher).
document.addEventListener('click', (ev) => {
  const button = ev.target.closest('button.delete');
  if (button && confirm('Delete this group?')) {
    fetch(button.dataset.path, { method: 'DELETE' }).then(() => location.reload());
  }
});
