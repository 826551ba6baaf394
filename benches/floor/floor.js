performance.mark('hotgate-interactive');
document.body.dataset.ready = 'true';
